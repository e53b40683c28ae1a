CREATE TABLE "town_people_counts" (
	"town_code" varchar(9) PRIMARY KEY NOT NULL,
	"people" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "town_year_coverage" (
	"town_code" varchar(9) NOT NULL,
	"year" smallint NOT NULL,
	"resident" integer DEFAULT 0 NOT NULL,
	"employee" integer DEFAULT 0 NOT NULL,
	"both_schemes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "town_year_coverage_town_code_year_pk" PRIMARY KEY("town_code","year")
);
--> statement-breakpoint
ALTER TABLE "town_people_counts" ADD CONSTRAINT "town_people_counts_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "town_year_coverage" ADD CONSTRAINT "town_year_coverage_town_code_towns_code_fk" FOREIGN KEY ("town_code") REFERENCES "public"."towns"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_name_prefix_idx" ON "people" USING btree ("name" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_birth_date_idx" ON "people" USING btree ("birth_date","id");