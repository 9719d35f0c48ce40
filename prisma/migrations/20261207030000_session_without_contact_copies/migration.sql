BEGIN;

-- The person's language and opt-out live on "Contact" only (src/engine/turn.ts Person): the session's copies go.
-- A row the engine reads with them still parses (the keys are dropped); this leaves none behind.
UPDATE "Session" SET state = state - 'language' - 'optedOut' WHERE state ? 'language' OR state ? 'optedOut';

COMMIT;
