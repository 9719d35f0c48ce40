BEGIN;

-- DropIndex
DROP INDEX "Outbox_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "Message_unprocessed_idx" ON "Message"("createdAt") WHERE ((direction = 'in'::text) AND ("processedAt" IS NULL));

-- CreateIndex
CREATE INDEX "Outbox_unsent_idx" ON "Outbox"("id") WHERE (status = ANY (ARRAY['pending'::text, 'sending'::text]));

-- CreateIndex
CREATE INDEX "Outbox_unsent_contact_idx" ON "Outbox"("contactId", "id") WHERE (status = ANY (ARRAY['pending'::text, 'sending'::text]));

-- CreateIndex
CREATE INDEX "Outbox_sending_idx" ON "Outbox"("lockedUntil") WHERE (status = 'sending'::text);

COMMIT;
