BEGIN;

-- CreateTable
CREATE TABLE "CaseFollower" (
    "caseId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseFollower_pkey" PRIMARY KEY ("caseId","contactId")
);

-- CreateTable
CREATE TABLE "CaseNews" (
    "caseId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseNews_pkey" PRIMARY KEY ("caseId","contactId")
);

-- CreateIndex
CREATE INDEX "CaseFollower_contactId_idx" ON "CaseFollower"("contactId");

-- CreateIndex
CREATE INDEX "CaseFollower_verifiedAt_idx" ON "CaseFollower"("verifiedAt");

-- CreateIndex
CREATE INDEX "CaseNews_changedAt_idx" ON "CaseNews"("changedAt");

-- CreateIndex
CREATE INDEX "CaseNews_contactId_idx" ON "CaseNews"("contactId");

-- AddForeignKey
ALTER TABLE "CaseFollower" ADD CONSTRAINT "CaseFollower_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseFollower" ADD CONSTRAINT "CaseFollower_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNews" ADD CONSTRAINT "CaseNews_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNews" ADD CONSTRAINT "CaseNews_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMIT;
