BEGIN;

-- CreateTable
CREATE TABLE "ErasedMessageSid" (
    "sidHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErasedMessageSid_pkey" PRIMARY KEY ("sidHash")
);

-- CreateIndex
CREATE INDEX "ErasedMessageSid_expiresAt_idx" ON "ErasedMessageSid"("expiresAt");

COMMIT;
