BEGIN;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "noticeSeenAt" TIMESTAMP(3),
ADD COLUMN     "noticeVersion" INTEGER,
ADD COLUMN     "updatesConsent" BOOLEAN,
ADD COLUMN     "updatesConsentAt" TIMESTAMP(3);

COMMIT;
