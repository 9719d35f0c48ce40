BEGIN;

-- Staff search finds the words the person and caseworkers wrote, not the bot's own texts: those are in
-- every conversation that walked the menu, so they found everyone, and indexing them cost every turn.
DROP INDEX "Message_body_fts_idx";
CREATE INDEX "Message_body_fts_idx" ON "Message" USING GIN (to_tsvector('simple', "body"))
  WHERE direction = 'in' OR "staffUserId" IS NOT NULL;

COMMIT;
