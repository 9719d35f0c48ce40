BEGIN;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "doubtSince" TIMESTAMP(3);

COMMIT;
