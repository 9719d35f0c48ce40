BEGIN;

-- CreateTable
CREATE TABLE "Need" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "contactId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "areaOther" TEXT,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedAttachment" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,

    CONSTRAINT "NeedAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Need_reference_key" ON "Need"("reference");

-- CreateIndex
CREATE INDEX "Need_createdAt_idx" ON "Need"("createdAt");

-- CreateIndex
CREATE INDEX "Need_status_createdAt_idx" ON "Need"("status", "createdAt");

-- CreateIndex
CREATE INDEX "NeedAttachment_needId_idx" ON "NeedAttachment"("needId");

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedAttachment" ADD CONSTRAINT "NeedAttachment_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

COMMIT;
