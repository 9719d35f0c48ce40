BEGIN;

-- A person's next message is looked up through either index the planner picks: this one, by person, reads theirs
-- alone. By time, as before, a planner with statistics of an empty table read every waiting message per person.

-- DropIndex
DROP INDEX "Message_unprocessed_idx";

-- CreateIndex
CREATE INDEX "Message_unprocessed_idx" ON "Message"("contactId", "id") WHERE ((direction = 'in'::text) AND ("processedAt" IS NULL));

COMMIT;
