BEGIN;

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "contactId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_reference_key" ON "Feedback"("reference");

-- CreateIndex
CREATE INDEX "Feedback_kind_createdAt_idx" ON "Feedback"("kind", "createdAt");

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_kind_check" CHECK (kind IN ('feedback', 'complaint', 'confidential'));
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_status_check" CHECK (status IN ('new', 'in_review', 'closed'));

-- the protection role reads confidential complaints about staff and partners (the list in code: ROLES in src/domain/roles.ts)
ALTER TABLE "StaffUser" DROP CONSTRAINT "StaffUser_role_check";
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_role_check"
  CHECK (role IN ('admin', 'caseworker', 'analyst', 'editor', 'protection'));

COMMIT;
