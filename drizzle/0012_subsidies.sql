CREATE TYPE "public"."age_group" AS ENUM('adult', 'minor', 'student');--> statement-breakpoint
CREATE TYPE "public"."fund_entry_kind" AS ENUM('allocation', 'use');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('pending', 'refunded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."subsidy_batch_status" AS ENUM('draft', 'submitted', 'returned', 'approved');--> statement-breakpoint
CREATE TYPE "public"."subsidy_line_kind" AS ENUM('roster', 'addition', 'change');--> statement-breakpoint
CREATE TYPE "public"."subsidy_rule_kind" AS ENUM('full', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."subsidy_settlement" AS ENUM('subsidy', 'refund', 'fund');--> statement-breakpoint
CREATE TABLE "contribution_standards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contribution_standards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"effective_from" date NOT NULL,
	"tier1_adult_fen" integer NOT NULL,
	"tier1_minor_fen" integer NOT NULL,
	"tier1_student_fen" integer NOT NULL,
	"tier2_adult_fen" integer NOT NULL,
	"tier2_minor_fen" integer NOT NULL,
	"tier2_student_fen" integer NOT NULL,
	"collection_from" date NOT NULL,
	"collection_to" date NOT NULL,
	"doc_ref" varchar(200) NOT NULL,
	"example_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_standards_amounts_ck" CHECK ("contribution_standards"."tier1_adult_fen" >= 0 and "contribution_standards"."tier1_minor_fen" >= 0 and "contribution_standards"."tier1_student_fen" >= 0 and "contribution_standards"."tier2_adult_fen" >= 0 and "contribution_standards"."tier2_minor_fen" >= 0 and "contribution_standards"."tier2_student_fen" >= 0),
	CONSTRAINT "contribution_standards_window_ck" CHECK ("contribution_standards"."collection_from" <= "contribution_standards"."collection_to")
);
--> statement-breakpoint
CREATE TABLE "subsidy_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subsidy_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"town_code" varchar(9),
	"status" "subsidy_batch_status" DEFAULT 'draft' NOT NULL,
	"prepared_by" integer NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"returned_by" integer,
	"returned_at" timestamp with time zone,
	"return_note" varchar(500),
	"diff" jsonb,
	CONSTRAINT "subsidy_batches_four_eyes_ck" CHECK ("subsidy_batches"."approved_by" <> "subsidy_batches"."prepared_by"),
	CONSTRAINT "subsidy_batches_approved_ck" CHECK (("subsidy_batches"."status" = 'approved') = ("subsidy_batches"."approved_by" is not null and "subsidy_batches"."approved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "subsidy_fund_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subsidy_fund_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_code" varchar(6) NOT NULL,
	"year" smallint NOT NULL,
	"kind" "fund_entry_kind" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"batch_id" integer,
	"note" varchar(300),
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_fund_entries_sign_ck" CHECK (("subsidy_fund_entries"."kind" = 'allocation' and "subsidy_fund_entries"."amount_fen" > 0) or ("subsidy_fund_entries"."kind" = 'use' and "subsidy_fund_entries"."amount_fen" < 0 and "subsidy_fund_entries"."batch_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "subsidy_funds" (
	"district_code" varchar(6) NOT NULL,
	"year" smallint NOT NULL,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "subsidy_funds_district_code_year_pk" PRIMARY KEY("district_code","year"),
	CONSTRAINT "subsidy_funds_balance_ck" CHECK ("subsidy_funds"."balance_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subsidy_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"kind" "subsidy_line_kind" NOT NULL,
	"person_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"category" varchar(30) NOT NULL,
	"source" varchar(30) NOT NULL,
	"tier" "tier" NOT NULL,
	"age_group" "age_group" NOT NULL,
	"contribution_fen" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"settlement" "subsidy_settlement" DEFAULT 'subsidy' NOT NULL,
	"ref_line_id" integer,
	"standard_id" integer,
	"rule_id" integer,
	CONSTRAINT "subsidy_lines_amount_ck" CHECK (("subsidy_lines"."kind" = 'change' and "subsidy_lines"."ref_line_id" is not null and "subsidy_lines"."amount_fen" <> 0) or ("subsidy_lines"."kind" <> 'change' and "subsidy_lines"."ref_line_id" is null and "subsidy_lines"."amount_fen" > 0 and "subsidy_lines"."amount_fen" <= "subsidy_lines"."contribution_fen"))
);
--> statement-breakpoint
CREATE TABLE "subsidy_refunds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subsidy_refunds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"line_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"year" smallint NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" "refund_status" DEFAULT 'pending' NOT NULL,
	"account_ref" varchar(80),
	"status_date" date,
	"fail_reason" varchar(300),
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_refunds_lineId_unique" UNIQUE("line_id"),
	CONSTRAINT "subsidy_refunds_amount_ck" CHECK ("subsidy_refunds"."amount_fen" > 0),
	CONSTRAINT "subsidy_refunds_failed_ck" CHECK ("subsidy_refunds"."status" <> 'failed' or "subsidy_refunds"."fail_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "subsidy_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subsidy_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"category" varchar(30) NOT NULL,
	"effective_from" date NOT NULL,
	"kind" "subsidy_rule_kind" NOT NULL,
	"amount_fen" integer,
	"doc_ref" varchar(200) NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_rules_amount_ck" CHECK (("subsidy_rules"."kind" = 'full' and "subsidy_rules"."amount_fen" is null) or ("subsidy_rules"."kind" = 'fixed' and "subsidy_rules"."amount_fen" > 0))
);
--> statement-breakpoint
ALTER TABLE "contribution_standards" ADD CONSTRAINT "contribution_standards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_fund_entries" ADD CONSTRAINT "subsidy_fund_entries_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_fund_entries" ADD CONSTRAINT "subsidy_fund_entries_batch_id_subsidy_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_fund_entries" ADD CONSTRAINT "subsidy_fund_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_funds" ADD CONSTRAINT "subsidy_funds_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_batch_id_subsidy_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_standard_id_contribution_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."contribution_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_rule_id_subsidy_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."subsidy_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_refunds" ADD CONSTRAINT "subsidy_refunds_line_id_subsidy_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."subsidy_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_refunds" ADD CONSTRAINT "subsidy_refunds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_refunds" ADD CONSTRAINT "subsidy_refunds_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_refunds" ADD CONSTRAINT "subsidy_refunds_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_rules" ADD CONSTRAINT "subsidy_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contribution_standards_year_from_uq" ON "contribution_standards" USING btree ("year","effective_from");--> statement-breakpoint
CREATE INDEX "subsidy_batches_year_idx" ON "subsidy_batches" USING btree ("year","district_code");--> statement-breakpoint
CREATE INDEX "subsidy_fund_entries_year_idx" ON "subsidy_fund_entries" USING btree ("district_code","year","created_at");--> statement-breakpoint
CREATE INDEX "subsidy_lines_batch_idx" ON "subsidy_lines" USING btree ("batch_id","town_code");--> statement-breakpoint
CREATE INDEX "subsidy_lines_person_idx" ON "subsidy_lines" USING btree ("person_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lines_one_base_uq" ON "subsidy_lines" USING btree ("year","person_id") WHERE kind <> 'change';--> statement-breakpoint
CREATE INDEX "subsidy_refunds_year_town_idx" ON "subsidy_refunds" USING btree ("year","town_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_rules_year_category_from_uq" ON "subsidy_rules" USING btree ("year","category","effective_from");