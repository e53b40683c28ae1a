CREATE TYPE "public"."assistance_kind" AS ENUM('settlement', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."assistance_source" AS ENUM('import', 'manual', 'settlement');--> statement-breakpoint
CREATE TYPE "public"."med_type" AS ENUM('inpatient', 'outpatient');--> statement-breakpoint
ALTER TYPE "public"."import_kind" ADD VALUE 'assistance';--> statement-breakpoint
CREATE TABLE "assistance_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assistance_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"settlement_id" varchar(40) NOT NULL,
	"kind" "assistance_kind" DEFAULT 'settlement' NOT NULL,
	"init_settlement_id" varchar(40),
	"reversed_by_id" bigint,
	"person_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"category" varchar(30),
	"year" smallint NOT NULL,
	"settlement_date" date NOT NULL,
	"med_type" "med_type" NOT NULL,
	"institution_code" varchar(30),
	"institution_name" varchar(100) NOT NULL,
	"total_fen" bigint NOT NULL,
	"policy_range_fen" bigint NOT NULL,
	"assistance_fen" bigint NOT NULL,
	"cap_exceeded" boolean DEFAULT false NOT NULL,
	"source" "assistance_source" DEFAULT 'import' NOT NULL,
	"import_id" integer,
	"note" varchar(300),
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_records_settlementId_unique" UNIQUE("settlement_id"),
	CONSTRAINT "assistance_records_amounts_ck" CHECK ("assistance_records"."policy_range_fen" <= "assistance_records"."total_fen" or "assistance_records"."kind" = 'reversal'),
	CONSTRAINT "assistance_records_reversal_ck" CHECK (("assistance_records"."kind" = 'reversal') = ("assistance_records"."init_settlement_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "population_targets" (
	"year" smallint NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"resident_population" integer NOT NULL,
	"insured_target" integer NOT NULL,
	"expansion_target" integer NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_targets_year_town_code_pk" PRIMARY KEY("year","town_code"),
	CONSTRAINT "population_targets_positive_ck" CHECK ("population_targets"."resident_population" >= 0 and "population_targets"."insured_target" >= 0 and "population_targets"."expansion_target" >= 0)
);
--> statement-breakpoint
ALTER TABLE "assistance_records" ADD CONSTRAINT "assistance_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_records" ADD CONSTRAINT "assistance_records_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_records" ADD CONSTRAINT "assistance_records_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_records" ADD CONSTRAINT "assistance_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_records" ADD CONSTRAINT "assistance_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_targets" ADD CONSTRAINT "population_targets_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_targets" ADD CONSTRAINT "population_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_records_year_town_idx" ON "assistance_records" USING btree ("year","town_code","settlement_date");--> statement-breakpoint
CREATE INDEX "assistance_records_person_year_idx" ON "assistance_records" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "assistance_records_init_idx" ON "assistance_records" USING btree ("init_settlement_id");