BEGIN;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "personal" BOOLEAN NOT NULL DEFAULT false;

COMMIT;
