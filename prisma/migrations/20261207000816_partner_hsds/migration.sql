BEGIN;

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "assuredOn" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "hsdsId" UUID NOT NULL DEFAULT gen_random_uuid();

-- CreateIndex
CREATE UNIQUE INDEX "Partner_hsdsId_key" ON "Partner"("hsdsId");

COMMIT;
