DROP INDEX "people_name_prefix_idx";--> statement-breakpoint
CREATE INDEX "people_name_c_idx" ON "people" USING btree ("name" collate "C","town_code","id");--> statement-breakpoint
CREATE INDEX "cases_worklist_order_idx" ON "cases" USING btree (("status" = 'closed'),"due_date","id");