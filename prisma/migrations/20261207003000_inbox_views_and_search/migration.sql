BEGIN;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "StaffReadMark" (
    "staffUserId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "lastMessageId" INTEGER NOT NULL,

    CONSTRAINT "StaffReadMark_pkey" PRIMARY KEY ("staffUserId","contactId")
);

-- CreateIndex
CREATE INDEX "StaffReadMark_contactId_idx" ON "StaffReadMark"("contactId");

-- CreateIndex
CREATE INDEX "Conversation_assigneeId_status_urgent_escalatedAt_contactId_idx" ON "Conversation"("assigneeId", "status", "urgent", "escalatedAt", "contactId");

-- CreateIndex
CREATE INDEX "Message_contactId_id_idx" ON "Message"("contactId", "id");

-- AddForeignKey
ALTER TABLE "StaffReadMark" ADD CONSTRAINT "StaffReadMark_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffReadMark" ADD CONSTRAINT "StaffReadMark_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search of the transcript (staff search). Prisma's schema cannot say an expression index, so it
-- is written here. The 'simple' configuration (no stemming) treats the 17 languages alike.
CREATE INDEX "Message_body_fts_idx" ON "Message" USING GIN (to_tsvector('simple', "body"));

COMMIT;
