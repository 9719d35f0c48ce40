BEGIN;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "payload" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "interactive" JSONB;

-- CreateTable
CREATE TABLE "WhatsAppContent" (
    "key" TEXT NOT NULL,
    "contentSid" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppContent_pkey" PRIMARY KEY ("key")
);

COMMIT;
