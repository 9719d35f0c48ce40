BEGIN;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "failedAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failure" TEXT;

COMMIT;
