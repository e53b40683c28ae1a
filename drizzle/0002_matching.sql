CREATE TYPE "public"."case_close_reason" AS ENUM('enrolled', 'deceased', 'enrolled_elsewhere', 'employee_scheme', 'military_service', 'imprisoned', 'emigrated', 'duplicate');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."import_kind" AS ENUM('registry', 'list');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."match_class" AS ENUM('enrolled_resident', 'enrolled_employee', 'duplicate', 'not_enrolled', 'invalid_id', 'not_found');--> statement-breakpoint
CREATE TYPE "public"."poverty_source" AS ENUM('fupin', 'minzheng_tekun', 'minzheng_dibao', 'minzheng_dibao_edge', 'veterans', 'disabled', 'other');--> statement-breakpoint
CREATE TYPE "public"."suggestion_status" AS ENUM('pending', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "case_evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"file_name" varchar(255) NOT NULL,
	"mime_type" varchar(100) NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"kind" "match_class" NOT NULL,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"assignee_id" integer,
	"due_date" date NOT NULL,
	"note" text,
	"close_reason" "case_close_reason",
	"close_note" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_errors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"import_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"values" jsonb NOT NULL,
	"reason" text NOT NULL,
	"skipped" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "import_kind" NOT NULL,
	"file_name" varchar(255) NOT NULL,
	"file_sha256" char(64) NOT NULL,
	"status" "import_status" DEFAULT 'running' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"rows_skipped" integer DEFAULT 0 NOT NULL,
	"message" text,
	"user_id" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "list_rows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "list_rows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"list_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"raw_values" jsonb NOT NULL,
	"name" varchar(50) NOT NULL,
	"id_number" varchar(40),
	"id_error" text,
	"birth_date" date,
	"town_code" varchar(9),
	"village" varchar(50),
	"category" varchar(30) NOT NULL,
	"person_id" integer,
	"match_class" "match_class" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_suggestions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "match_suggestions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"list_row_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"score" smallint NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" "suggestion_status" DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "poverty_lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poverty_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" "poverty_source" NOT NULL,
	"list_date" date NOT NULL,
	"year" smallint NOT NULL,
	"import_id" integer NOT NULL,
	"file_sha256" char(64) NOT NULL,
	"previous_list_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_rows" ADD CONSTRAINT "list_rows_list_id_poverty_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."poverty_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_rows" ADD CONSTRAINT "list_rows_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_rows" ADD CONSTRAINT "list_rows_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_suggestions" ADD CONSTRAINT "match_suggestions_list_row_id_list_rows_id_fk" FOREIGN KEY ("list_row_id") REFERENCES "public"."list_rows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_suggestions" ADD CONSTRAINT "match_suggestions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_suggestions" ADD CONSTRAINT "match_suggestions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_lists" ADD CONSTRAINT "poverty_lists_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_per_person_uq" ON "cases" USING btree ("person_id") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_town_status_due_idx" ON "cases" USING btree ("town_code","status","due_date");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","status","due_date");--> statement-breakpoint
CREATE INDEX "import_errors_import_idx" ON "import_errors" USING btree ("import_id","row_no");--> statement-breakpoint
CREATE INDEX "imports_sha_idx" ON "imports" USING btree ("kind","file_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "list_rows_list_row_uq" ON "list_rows" USING btree ("list_id","row_no");--> statement-breakpoint
CREATE INDEX "list_rows_list_class_idx" ON "list_rows" USING btree ("list_id","match_class");--> statement-breakpoint
CREATE INDEX "list_rows_person_idx" ON "list_rows" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "list_rows_id_number_idx" ON "list_rows" USING btree ("id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "match_suggestions_row_person_uq" ON "match_suggestions" USING btree ("list_row_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poverty_lists_source_sha_uq" ON "poverty_lists" USING btree ("source","file_sha256");