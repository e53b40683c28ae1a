ALTER TABLE "subsidy_lines" DROP CONSTRAINT "subsidy_lines_batch_id_subsidy_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "subsidy_lines" DROP CONSTRAINT "subsidy_lines_standard_id_contribution_standards_id_fk";
--> statement-breakpoint
ALTER TABLE "subsidy_lines" DROP CONSTRAINT "subsidy_lines_rule_id_subsidy_rules_id_fk";
