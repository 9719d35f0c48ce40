BEGIN;

-- Lookup attempts are keyed by hashes of the phone number and the case number (src/domain/cases/lookup-keys.ts
-- computes the same), so a lock holds across channels and outlives an erasure. Rows of the last hours
-- are carried over: locks in force stay in force.
ALTER TABLE "CaseLookupAttempt" DROP CONSTRAINT "CaseLookupAttempt_contactId_fkey";
DROP INDEX "CaseLookupAttempt_contactId_createdAt_idx";

ALTER TABLE "CaseLookupAttempt" ADD COLUMN "caseNumberHash" TEXT, ADD COLUMN "subject" TEXT;
UPDATE "CaseLookupAttempt" a SET
  "subject" = encode(sha256(convert_to('haven:case-lookup:number:' || c."address", 'UTF8')), 'hex'),
  "caseNumberHash" = encode(sha256(convert_to('haven:case-lookup:case:' || a."caseNumber", 'UTF8')), 'hex')
FROM "Contact" c WHERE c."id" = a."contactId";
ALTER TABLE "CaseLookupAttempt" DROP COLUMN "caseNumber", DROP COLUMN "contactId",
  ALTER COLUMN "caseNumberHash" SET NOT NULL, ALTER COLUMN "subject" SET NOT NULL;

CREATE INDEX "CaseLookupAttempt_subject_createdAt_idx" ON "CaseLookupAttempt"("subject", "createdAt");

COMMIT;
