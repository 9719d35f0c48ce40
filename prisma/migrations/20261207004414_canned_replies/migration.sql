BEGIN;

-- CreateTable
CREATE TABLE "CannedReply" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'text',
    "texts" JSONB NOT NULL,
    "contentSids" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CannedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CannedReply_name_key" ON "CannedReply"("name");

-- the kinds in code: src/domain/canned/canned-reply.ts CANNED_KINDS
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_kind_check" CHECK (kind IN ('text', 'template'));

COMMIT;
