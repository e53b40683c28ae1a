CREATE TYPE "public"."enrollment_status" AS ENUM('active', 'suspended', 'terminated');--> statement-breakpoint
CREATE TYPE "public"."scheme" AS ENUM('resident', 'employee');--> statement-breakpoint
CREATE TYPE "public"."tier" AS ENUM('tier1', 'tier2');--> statement-breakpoint
CREATE TYPE "public"."disease_kind" AS ENUM('chronic', 'special');--> statement-breakpoint
CREATE TYPE "public"."hospital_level" AS ENUM('level1', 'level2', 'level3');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'agency_staff', 'supervisor', 'hospital_staff');--> statement-breakpoint
CREATE TABLE "districts" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" varchar(50) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "towns" (
	"code" varchar(9) PRIMARY KEY NOT NULL,
	"name" varchar(50) NOT NULL,
	"district_code" varchar(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"scheme" "scheme" NOT NULL,
	"tier" "tier",
	"status" "enrollment_status" DEFAULT 'active' NOT NULL,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"paid_date" date,
	"source" varchar(20) DEFAULT 'manual' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "households_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"household_no" varchar(30) NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"village" varchar(50),
	"address" varchar(200),
	CONSTRAINT "households_householdNo_unique" UNIQUE("household_no")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id_number" char(18) NOT NULL,
	"name" varchar(50) NOT NULL,
	"gender" char(1) NOT NULL,
	"birth_date" date NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"village" varchar(50),
	"household_id" integer,
	"relation_to_head" varchar(20),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_idNumber_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE TABLE "diseases" (
	"code" varchar(16) PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" "disease_kind" NOT NULL,
	"for_resident" boolean NOT NULL,
	"for_employee" boolean NOT NULL,
	"review_exempt" boolean DEFAULT false NOT NULL,
	"validity_months" integer,
	"entry_criteria" text,
	"required_evidence" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hospital_diseases" (
	"hospital_id" integer NOT NULL,
	"disease_code" varchar(16) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "hospital_diseases_hospital_id_disease_code_valid_from_pk" PRIMARY KEY("hospital_id","disease_code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "hospitals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hospitals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(12) NOT NULL,
	"name" varchar(100) NOT NULL,
	"level" "hospital_level" NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "hospitals_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" varchar(50) NOT NULL,
	"display_name" varchar(50) NOT NULL,
	"password_hash" varchar(200) NOT NULL,
	"role" "role" NOT NULL,
	"district_code" varchar(6),
	"town_code" varchar(9),
	"hospital_id" integer,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" varchar(50) NOT NULL,
	"role" varchar(20) NOT NULL,
	"action" varchar(64) NOT NULL,
	"entity_type" varchar(32) NOT NULL,
	"entity_id" varchar(64),
	"person_id" integer,
	"before" jsonb,
	"after" jsonb,
	"ip" varchar(64)
);
--> statement-breakpoint
ALTER TABLE "towns" ADD CONSTRAINT "towns_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_diseases" ADD CONSTRAINT "hospital_diseases_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_diseases" ADD CONSTRAINT "hospital_diseases_disease_code_diseases_code_fk" FOREIGN KEY ("disease_code") REFERENCES "public"."diseases"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospitals" ADD CONSTRAINT "hospitals_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_person_year_scheme_uq" ON "enrollments" USING btree ("person_id","year","scheme");--> statement-breakpoint
CREATE INDEX "enrollments_year_person_idx" ON "enrollments" USING btree ("year","person_id") WHERE "enrollments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "people_town_name_idx" ON "people" USING btree ("town_code","name","id");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "people_household_idx" ON "people" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_person_idx" ON "audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");