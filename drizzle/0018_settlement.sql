CREATE TYPE "public"."settlement_stay_status" AS ENUM('saved', 'cancelled');--> statement-breakpoint
CREATE TABLE "settlement_policies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlement_policies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"version" smallint NOT NULL,
	"params" jsonb NOT NULL,
	"doc_ref" varchar(200) NOT NULL,
	"note" varchar(300),
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_stays" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlement_stays_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"hospital_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"settlement_date" date NOT NULL,
	"admission_date" date,
	"total_fen" bigint NOT NULL,
	"policy_range_fen" bigint NOT NULL,
	"level" smallint NOT NULL,
	"tier" smallint NOT NULL,
	"referral" boolean NOT NULL,
	"status" "settlement_stay_status" DEFAULT 'saved' NOT NULL,
	"policy_id" integer NOT NULL,
	"basic_fen" bigint NOT NULL,
	"critical_fen" bigint NOT NULL,
	"hospital_waiver_fen" bigint NOT NULL,
	"assistance_fen" bigint NOT NULL,
	"commercial_fen" bigint NOT NULL,
	"re_assistance_fen" bigint NOT NULL,
	"person_fen" bigint NOT NULL,
	"detail" jsonb NOT NULL,
	"corrected_from_id" bigint,
	"source_settlement_id" varchar(40),
	"assistance_record_id" bigint,
	"note" varchar(300),
	"cancel_reason" varchar(300),
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_stays_amounts_ck" CHECK ("settlement_stays"."policy_range_fen" >= 0 and "settlement_stays"."policy_range_fen" <= "settlement_stays"."total_fen"),
	CONSTRAINT "settlement_stays_level_ck" CHECK ("settlement_stays"."level" between 1 and 3 and "settlement_stays"."tier" between 1 and 2),
	CONSTRAINT "settlement_stays_sum_ck" CHECK ("settlement_stays"."basic_fen" + "settlement_stays"."critical_fen" + "settlement_stays"."hospital_waiver_fen" + "settlement_stays"."assistance_fen" + "settlement_stays"."commercial_fen" + "settlement_stays"."re_assistance_fen" + "settlement_stays"."person_fen" = "settlement_stays"."total_fen")
);
--> statement-breakpoint
ALTER TABLE "settlement_policies" ADD CONSTRAINT "settlement_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_policy_id_settlement_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."settlement_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_assistance_record_id_assistance_records_id_fk" FOREIGN KEY ("assistance_record_id") REFERENCES "public"."assistance_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_stays" ADD CONSTRAINT "settlement_stays_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_policies_year_version_uq" ON "settlement_policies" USING btree ("year","version");--> statement-breakpoint
CREATE INDEX "settlement_stays_person_year_idx" ON "settlement_stays" USING btree ("person_id","year","settlement_date","id");--> statement-breakpoint
CREATE INDEX "settlement_stays_hospital_idx" ON "settlement_stays" USING btree ("hospital_id","settlement_date");--> statement-breakpoint
CREATE INDEX "settlement_stays_town_idx" ON "settlement_stays" USING btree ("town_code","year");