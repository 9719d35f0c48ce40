BEGIN;

-- The values these text columns may hold, stated by the database: a typo in code or a hand-written row
-- fails here, not later when a page or a turn reads it. CHECK constraints rather than enum types: the raw
-- SQL that writes these columns from text[] parameters keeps working unchanged, on PGlite and PostgreSQL.
-- The same lists are in code (src/engine/types.ts CHANNELS, src/domain/handoff/state.ts STATUSES,
-- src/domain/roles.ts ROLES, src/domain/stored-values.ts DIRECTIONS), parsed where rows are read.
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_channel_check" CHECK (channel IN ('sms', 'whatsapp'));
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_channel_check" CHECK (channel IN ('sms', 'whatsapp'));
ALTER TABLE "Need" ADD CONSTRAINT "Need_channel_check" CHECK (channel IN ('sms', 'whatsapp'));
ALTER TABLE "Message" ADD CONSTRAINT "Message_direction_check" CHECK (direction IN ('in', 'out'));
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_status_check"
  CHECK (status IN ('bot', 'waiting_for_person', 'with_person', 'closed'));
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_role_check" CHECK (role IN ('admin', 'caseworker', 'analyst'));

COMMIT;
