BEGIN;

-- A turn finds a person's next message through Message_unprocessed_idx (unprocessed_by_person). This index of
-- every message by person and processedAt served only that lookup, and every message written or answered paid for it.

-- DropIndex
DROP INDEX "Message_contactId_processedAt_id_idx";

COMMIT;
