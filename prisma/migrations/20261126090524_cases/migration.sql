BEGIN;

-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "factorKind" TEXT NOT NULL,
    "factorHash" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "nextAppointment" TIMESTAMP(3),
    "nextStep" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseLookupAttempt" (
    "id" SERIAL NOT NULL,
    "contactId" INTEGER NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseLookupAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_caseNumber_key" ON "Case"("caseNumber");

-- CreateIndex
CREATE INDEX "CaseLookupAttempt_contactId_createdAt_idx" ON "CaseLookupAttempt"("contactId", "createdAt");

-- AddForeignKey
ALTER TABLE "CaseLookupAttempt" ADD CONSTRAINT "CaseLookupAttempt_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMIT;
