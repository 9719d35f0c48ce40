BEGIN;

-- The person's language and opt-out live on "Contact" only (src/engine/turn.ts Person): the session's copies go.
-- A row that still has them parses the same (the keys are dropped on reading), and this leaves none behind.
UPDATE "Session" SET state = state - 'language' - 'optedOut'
WHERE state -> 'language' IS NOT NULL OR state -> 'optedOut' IS NOT NULL;

COMMIT;
