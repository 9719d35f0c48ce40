BEGIN;

-- DropForeignKey
ALTER TABLE "Need" DROP CONSTRAINT "Need_contactId_fkey";

-- DropForeignKey
ALTER TABLE "Referral" DROP CONSTRAINT "Referral_contactId_fkey";

-- AlterTable
ALTER TABLE "Need" ALTER COLUMN "contactId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Outbox" ALTER COLUMN "contactId" DROP NOT NULL,
ALTER COLUMN "messageId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Referral" ALTER COLUMN "contactId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

COMMIT;
