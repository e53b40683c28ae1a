ALTER TABLE "diseases" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "kind";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "for_resident";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "for_employee";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "review_exempt";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "validity_months";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "entry_criteria";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "required_evidence";--> statement-breakpoint
ALTER TABLE "diseases" DROP COLUMN "active";