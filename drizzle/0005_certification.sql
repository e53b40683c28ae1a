CREATE TYPE "public"."cert_status" AS ENUM('pending', 'approved', 'rejected', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."spot_check_verdict" AS ENUM('compliant', 'non_compliant');--> statement-breakpoint
CREATE TABLE "disease_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disease_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"disease_code" varchar(16) NOT NULL,
	"effective_from" date NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" "disease_kind" NOT NULL,
	"for_resident" boolean NOT NULL,
	"for_employee" boolean NOT NULL,
	"review_exempt" boolean DEFAULT false NOT NULL,
	"validity_months" integer,
	"entry_criteria" text,
	"required_evidence" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_serials" (
	"hospital_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "certificate_serials_hospital_id_year_pk" PRIMARY KEY("hospital_id","year")
);
--> statement-breakpoint
CREATE TABLE "certification_evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certification_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"certification_id" integer NOT NULL,
	"file_name" varchar(255) NOT NULL,
	"mime_type" varchar(100) NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"hospital_id" integer NOT NULL,
	"disease_code" varchar(16) NOT NULL,
	"disease_version_id" integer NOT NULL,
	"scheme" "scheme" NOT NULL,
	"icd10_code" varchar(16) NOT NULL,
	"diagnosis_text" varchar(200) NOT NULL,
	"doctor" varchar(50) NOT NULL,
	"diagnosis_date" date NOT NULL,
	"status" "cert_status" DEFAULT 'pending' NOT NULL,
	"certificate_no" varchar(40),
	"start_date" date,
	"end_date" date,
	"reject_reason" varchar(500),
	"filed_by" integer NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"revoke_reason" varchar(500),
	"revoked_by" integer,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "certifications_certificateNo_unique" UNIQUE("certificate_no"),
	CONSTRAINT "certifications_decision_consistent" CHECK ((status = 'pending' and decided_at is null)
        or (status = 'rejected' and decided_at is not null and reject_reason is not null)
        or (status in ('approved', 'revoked') and decided_at is not null and start_date is not null and certificate_no is not null)),
	CONSTRAINT "certifications_revoked_has_reason" CHECK (status <> 'revoked' or (revoke_reason is not null and revoked_at is not null))
);
--> statement-breakpoint
CREATE TABLE "spot_check_items" (
	"spot_check_id" integer NOT NULL,
	"certification_id" integer NOT NULL,
	"verdict" "spot_check_verdict",
	"note" varchar(500),
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "spot_check_items_spot_check_id_certification_id_pk" PRIMARY KEY("spot_check_id","certification_id")
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "spot_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"percent" smallint,
	"count" integer,
	"seed" varchar(100) NOT NULL,
	"algorithm" varchar(60) NOT NULL,
	"population_size" integer NOT NULL,
	"note" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spot_checks_one_spec" CHECK ((percent is null) <> (count is null))
);
--> statement-breakpoint
ALTER TABLE "diseases" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "disease_versions" ADD CONSTRAINT "disease_versions_disease_code_diseases_code_fk" FOREIGN KEY ("disease_code") REFERENCES "public"."diseases"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_serials" ADD CONSTRAINT "certificate_serials_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_evidence" ADD CONSTRAINT "certification_evidence_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_evidence" ADD CONSTRAINT "certification_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_disease_code_diseases_code_fk" FOREIGN KEY ("disease_code") REFERENCES "public"."diseases"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_disease_version_id_disease_versions_id_fk" FOREIGN KEY ("disease_version_id") REFERENCES "public"."disease_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_spot_check_id_spot_checks_id_fk" FOREIGN KEY ("spot_check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disease_versions_code_from_idx" ON "disease_versions" USING btree ("disease_code","effective_from");--> statement-breakpoint
CREATE INDEX "certification_evidence_cert_idx" ON "certification_evidence" USING btree ("certification_id");--> statement-breakpoint
CREATE INDEX "certifications_person_idx" ON "certifications" USING btree ("person_id","disease_code");--> statement-breakpoint
CREATE INDEX "certifications_hospital_filed_idx" ON "certifications" USING btree ("hospital_id","filed_at");--> statement-breakpoint
CREATE INDEX "certifications_hospital_decided_idx" ON "certifications" USING btree ("hospital_id","decided_at");--> statement-breakpoint
CREATE INDEX "certifications_end_idx" ON "certifications" USING btree ("end_date") WHERE status = 'approved' and end_date is not null;--> statement-breakpoint
CREATE INDEX "certifications_town_idx" ON "certifications" USING btree ("town_code");--> statement-breakpoint
CREATE INDEX "spot_check_items_cert_idx" ON "spot_check_items" USING btree ("certification_id");--> statement-breakpoint
CREATE INDEX "spot_checks_hospital_idx" ON "spot_checks" USING btree ("hospital_id","created_at");--> statement-breakpoint
-- Existing catalog entries become their first version, in force since 2020-01-01.
INSERT INTO "disease_versions" ("disease_code", "effective_from", "name", "kind", "for_resident", "for_employee", "review_exempt", "validity_months", "entry_criteria", "required_evidence", "active")
SELECT "code", DATE '2020-01-01', "name", "kind", "for_resident", "for_employee", "review_exempt", "validity_months", "entry_criteria", "required_evidence", "active" FROM "diseases";
