BEGIN;

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "reviewedCategory" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "textErasedAt" TIMESTAMP(3);

COMMIT;
