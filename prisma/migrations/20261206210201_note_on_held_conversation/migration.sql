BEGIN;

-- AlterTable
ALTER TABLE "ConversationNote" ADD COLUMN     "heldById" INTEGER;

-- AddForeignKey
ALTER TABLE "ConversationNote" ADD CONSTRAINT "ConversationNote_heldById_fkey" FOREIGN KEY ("heldById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

COMMIT;
