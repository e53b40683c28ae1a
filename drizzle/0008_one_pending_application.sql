-- One pending application per person, disease and hospital: a second filing is refused (409) while the first is undecided.
-- The workstation checks this first with a clear message; the index also catches a double submit.
--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_one_pending_uq" ON "certifications" USING btree ("person_id","disease_code","hospital_id") WHERE status = 'pending';