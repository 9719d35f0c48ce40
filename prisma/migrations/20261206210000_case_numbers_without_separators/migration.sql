BEGIN;

-- A case is found by its number without the spaces, dashes, slashes, dots and underscores people type
-- between its parts (caseKey in src/domain/cases/normalize.ts computes the same): "demo 1001", "DEMO1001"
-- and "demo-1001" are one case. The number as staff wrote it stays for the staff pages. Two stored numbers
-- that differ only by those characters would be one case: the unique index then refuses the migration,
-- for a person to merge them.
ALTER TABLE "Case" ADD COLUMN "caseKey" TEXT;
UPDATE "Case" SET "caseKey" = regexp_replace(upper("caseNumber"), '[[:space:]/._-]+', '', 'g');
ALTER TABLE "Case" ALTER COLUMN "caseKey" SET NOT NULL;

DROP INDEX "Case_caseNumber_key";
CREATE UNIQUE INDEX "Case_caseKey_key" ON "Case"("caseKey");

COMMIT;
