BEGIN;

-- CreateTable
CREATE TABLE "TextDraft" (
    "language" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "staffUserId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TextDraft_pkey" PRIMARY KEY ("language","key")
);

-- CreateTable
CREATE TABLE "ContentVersion" (
    "number" SERIAL NOT NULL,
    "texts" JSONB NOT NULL,
    "legal" JSONB NOT NULL DEFAULT '{}',
    "staffUserId" INTEGER NOT NULL,
    "restoredFrom" INTEGER,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentVersion_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "TextReview" (
    "language" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "englishHash" TEXT NOT NULL,
    "staffUserId" INTEGER NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TextReview_pkey" PRIMARY KEY ("language","key")
);

-- CreateTable
CREATE TABLE "LegalCheck" (
    "topic" TEXT NOT NULL,
    "checkedOn" DATE NOT NULL,
    "staffUserId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegalCheck_pkey" PRIMARY KEY ("topic")
);

-- AddForeignKey
ALTER TABLE "TextDraft" ADD CONSTRAINT "TextDraft_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TextReview" ADD CONSTRAINT "TextReview_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalCheck" ADD CONSTRAINT "LegalCheck_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- editors change the bot texts (the staff texts pages), the list in code is src/domain/roles.ts ROLES
ALTER TABLE "StaffUser" DROP CONSTRAINT "StaffUser_role_check";
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_role_check"
  CHECK (role IN ('admin', 'caseworker', 'analyst', 'editor'));

COMMIT;
