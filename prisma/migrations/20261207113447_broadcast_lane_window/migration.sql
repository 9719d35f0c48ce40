BEGIN;

-- A broadcast lane's claim (src/outbox/broadcast-repository.ts) starts at each sending broadcast's first unsent row
-- on its channel and reads a window of ids from there: it read every unsent row of the broadcast before
CREATE INDEX "BroadcastRecipient_unsent_lane_idx" ON "BroadcastRecipient"("broadcastId", "channel", "id") WHERE (status = ANY (ARRAY['pending'::text, 'sending'::text]));

COMMIT;
