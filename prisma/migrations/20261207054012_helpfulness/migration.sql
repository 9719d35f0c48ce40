BEGIN;

-- CreateTable
CREATE TABLE "Helpfulness" (
    "id" SERIAL NOT NULL,
    "contactId" INTEGER NOT NULL,
    "journey" TEXT NOT NULL,
    "caseworkerId" INTEGER,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "helped" BOOLEAN,
    "missing" TEXT,
    "missingErasedAt" TIMESTAMP(3),

    CONSTRAINT "Helpfulness_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Helpfulness_contactId_askedAt_idx" ON "Helpfulness"("contactId", "askedAt");

-- CreateIndex
CREATE INDEX "Helpfulness_askedAt_idx" ON "Helpfulness"("askedAt");

-- AddForeignKey
ALTER TABLE "Helpfulness" ADD CONSTRAINT "Helpfulness_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Helpfulness" ADD CONSTRAINT "Helpfulness_caseworkerId_fkey" FOREIGN KEY ("caseworkerId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

COMMIT;
