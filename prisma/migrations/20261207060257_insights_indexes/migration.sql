BEGIN;

-- CreateIndex
CREATE INDEX "Message_inbound_idx" ON "Message"("createdAt", "contactId") WHERE (direction = 'in'::text);

-- CreateIndex
CREATE INDEX "Message_staff_replies_idx" ON "Message"("contactId", "createdAt") WHERE ("staffUserId" IS NOT NULL);

COMMIT;
