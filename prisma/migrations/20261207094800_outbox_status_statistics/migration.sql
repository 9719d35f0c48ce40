BEGIN;

-- The outbox claim (src/outbox/repository.ts, claimQuery) checks each waiting reply for an earlier one of the
-- same person. Statistics taken on a quiet line say no reply waits, and with them the planner checked through
-- the index of all waiting rows instead of the person's own: with 28,000 replies waiting, 974 ms a claim.
-- Without statistics on the status, the planner's estimate of the waiting rows is the same whatever the line
-- was doing when it last analysed the table.
ALTER TABLE "Outbox" ALTER COLUMN "status" SET STATISTICS 0;
-- ANALYZE keeps what it took before: the same type again drops the column's statistics (and rebuilds its indexes)
ALTER TABLE "Outbox" ALTER COLUMN "status" TYPE TEXT;

COMMIT;
