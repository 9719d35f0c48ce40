BEGIN;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "phone" TEXT;

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "texts" JSONB NOT NULL,
    "englishFallback" BOOLEAN NOT NULL DEFAULT false,
    "audience" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "sendAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" TIMESTAMP(3),
    "queueMs" INTEGER,
    "finishedAt" TIMESTAMP(3),
    "throttled" INTEGER NOT NULL DEFAULT 0,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" SERIAL NOT NULL,
    "broadcastId" INTEGER NOT NULL,
    "contactId" INTEGER,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "textLanguage" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "skipReason" TEXT,
    "via" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "doubtSince" TIMESTAMP(3),
    "providerSid" TEXT,
    "deliveryStatus" TEXT,
    "errorCode" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "BroadcastRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Broadcast_status_sendAt_idx" ON "Broadcast"("status", "sendAt");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastRecipient_providerSid_key" ON "BroadcastRecipient"("providerSid");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_broadcastId_status_idx" ON "BroadcastRecipient"("broadcastId", "status");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_contactId_idx" ON "BroadcastRecipient"("contactId");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_unsent_idx" ON "BroadcastRecipient"("id") WHERE (status = ANY (ARRAY['pending'::text, 'sending'::text]));

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_status_check" CHECK (status IN ('scheduled', 'sending', 'paused', 'cancelled', 'done'));
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_status_check" CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped'));

-- the broadcaster role composes and sends broadcasts (the list in code: ROLES in src/domain/roles.ts)
ALTER TABLE "StaffUser" DROP CONSTRAINT "StaffUser_role_check";
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_role_check"
  CHECK (role IN ('admin', 'caseworker', 'analyst', 'editor', 'protection', 'broadcaster'));

COMMIT;
