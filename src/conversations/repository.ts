import type { Prisma, Tx } from "../db/database.ts";
import { jsonRows } from "../db/json-rows.ts";
import { Prisma as Sql } from "../db/generated/client.ts";
import type { InboundMessage } from "../channels/message.ts";
import type { SidHash } from "../domain/contacts/erased-sids.ts";
import { type Status, statusSchema } from "../domain/handoff/state.ts";
import { channelSchema } from "../domain/stored-values.ts";
import type { Channel } from "../channels/profile.ts";

export type Accepted = { accepted: true; contactId: number } | { accepted: false };

/**
 * Store inbound messages under their contacts, in one statement however many arrive together.
 * Upserting a contact takes its row lock, so one person's messages get ids in the order they were
 * accepted, also across server processes; rows go in (channel, address) order, so two batches lock
 * contacts in the same order and never deadlock. A MessageSid seen before (Twilio retries) is refused
 * by its unique index and reported as a duplicate; so is one of a person who erased their data (its
 * hashed SID is in ErasedMessageSid), before it can create their contact again.
 */
export async function acceptInbound(prisma: Prisma, messages: InboundMessage[], sidHash: SidHash): Promise<Accepted[]> {
  const input = jsonRows(
    messages.map((m, ord) => ({
      ord,
      channel: m.channel,
      address: m.from,
      provider_id: m.providerId,
      body: m.text,
      media: m.media,
      our_address: m.to,
      received_at: m.receivedAt,
      sid_hash: sidHash(m.providerId),
      payload: m.payload,
    })),
  );
  const rows = await prisma.$queryRaw<{ contactId: number; providerId: string }[]>`
    WITH input AS (
      SELECT * FROM json_to_recordset(${input}::json) AS t(ord int, channel text, address text, provider_id text,
        body text, media jsonb, our_address text, received_at timestamptz, sid_hash text, payload text)
      WHERE NOT EXISTS (SELECT 1 FROM "ErasedMessageSid" e WHERE e."sidHash" = t.sid_hash)
    ), contacts AS (
      INSERT INTO "Contact" (channel, address, "lastInboundAt")
      SELECT DISTINCT ON (channel, address) channel, address, received_at AT TIME ZONE 'UTC' FROM input ORDER BY channel, address, ord DESC
      ON CONFLICT (channel, address) DO UPDATE SET "lastInboundAt" = EXCLUDED."lastInboundAt"
      RETURNING id, channel, address
    )
    INSERT INTO "Message" ("contactId", direction, "providerId", body, media, "ourAddress", "createdAt", payload)
    SELECT c.id, 'in', i.provider_id, i.body, i.media, i.our_address, i.received_at AT TIME ZONE 'UTC', i.payload
    FROM input i JOIN contacts c ON c.channel = i.channel AND c.address = i.address
    ORDER BY i.channel, i.address, i.ord
    ON CONFLICT ("providerId") DO NOTHING
    RETURNING "contactId", "providerId"`;
  const fresh = new Map(rows.map((r) => [r.providerId, r.contactId]));
  return messages.map((m) => {
    const contactId = fresh.get(m.providerId);
    // the same MessageSid twice in one batch: the first is the message, the second the retry
    fresh.delete(m.providerId);
    return contactId === undefined ? { accepted: false } : { accepted: true, contactId };
  });
}

/** A contact locked for its turn, with its stored session and its oldest unanswered message. */
export interface TurnInput {
  contactId: number;
  channel: Channel;
  address: string;
  language: string | null;
  optedOut: boolean;
  state: unknown;
  /** who answers the person (src/domain/handoff); null: the bot, as it always has */
  conversation: { status: Status; urgent: boolean } | null;
  /** receivedAt: when it was stored (how long the person has waited) */
  message: { id: number; body: string; media: unknown; ourAddress: string; payload: string | null; receivedAt: Date };
  /** more messages wait after this one */
  more: boolean;
}

/**
 * Lock these contacts for the rest of the transaction (one turn at a time per person, across
 * processes too) and read what their next turn needs. A contact another process holds is skipped,
 * not waited for: batches never wait on each other, so they cannot deadlock.
 */
export async function lockForTurns(tx: Tx, contactIds: number[]): Promise<{ inputs: TurnInput[]; skipped: number[] }> {
  const locked = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Contact" WHERE id = ANY(${contactIds}::int[]) ORDER BY id FOR UPDATE SKIP LOCKED`;
  const ids = locked.map((c) => c.id);
  const lockedIds = new Set(ids);
  const notLocked = contactIds.filter((id) => !lockedIds.has(id));
  // a contact that is gone (erased) is not held by anyone: waiting for it would never end
  const existing =
    notLocked.length === 0
      ? []
      : await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Contact" WHERE id = ANY(${notLocked}::int[])`;
  const skipped = existing.map((c) => c.id);
  if (ids.length === 0) return { inputs: [], skipped };
  // read after the lock: a message accepted just before it is seen
  const rows = await tx.$queryRaw<
    (Omit<TurnInput, "message" | "conversation" | "channel"> & {
      channel: string;
      messageId: number;
      receivedAt: Date;
      body: string;
      media: unknown;
      ourAddress: string;
      payload: string | null;
      status: string | null;
      urgent: boolean | null;
    })[]
  >(turnInputsQuery(ids));
  return {
    skipped,
    inputs: rows.map(({ messageId, receivedAt, body, media, ourAddress, payload, status, urgent, channel, ...c }) => ({
      ...c,
      channel: channelSchema.parse(channel),
      conversation: status === null ? null : { status: statusSchema.parse(status), urgent: urgent ?? false },
      message: { id: messageId, body, media, ourAddress, payload, receivedAt },
    })),
  };
}

/**
 * What the next turn of each of these people needs (a test reads its plan). Each table is looked up person by
 * person (LATERAL from the ids; OFFSET 0 keeps the planner from flattening the lookups into joins): joined as
 * tables, a planner whose statistics were taken while they were empty hashed all of Contact and Session for every
 * batch, 18-40 ms a batch once a line had run for a few minutes.
 */
export function turnInputsQuery(contactIds: number[]): Sql.Sql {
  return Sql.sql`
    SELECT c.id AS "contactId", c.channel, c.address, c.language, c."optedOut", s.state, cv.status, cv.urgent,
      m.id AS "messageId", m."createdAt" AS "receivedAt", m.body, m.media, m."ourAddress", m.payload, m.more
    FROM unnest(${contactIds}::int[]) AS person(id)
    JOIN LATERAL (SELECT * FROM "Contact" WHERE id = person.id OFFSET 0) c ON true
    LEFT JOIN LATERAL (SELECT state FROM "Session" WHERE "contactId" = person.id OFFSET 0) s ON true
    LEFT JOIN LATERAL (SELECT status, urgent FROM "Conversation" WHERE "contactId" = person.id OFFSET 0) cv ON true
    JOIN LATERAL (
      SELECT id, "createdAt", body, media, "ourAddress", payload, count(*) OVER () > 1 AS more FROM "Message"
      WHERE "contactId" = person.id AND direction = 'in' AND "processedAt" IS NULL ORDER BY id LIMIT 1
    ) m ON true`;
}

/**
 * A turn on this inbound message failed: count it. Returns the failures so far, or 0 when the message
 * was answered meanwhile (by another process). Outside the failed turn's transaction, which rolled back.
 */
export async function countFailure(prisma: Prisma, messageId: number): Promise<number> {
  const rows = await prisma.$queryRaw<{ failedAttempts: number }[]>`
    UPDATE "Message" SET "failedAttempts" = "failedAttempts" + 1 WHERE id = ${messageId} AND "processedAt" IS NULL RETURNING "failedAttempts"`;
  return rows[0]?.failedAttempts ?? 0;
}

/**
 * The person's message, if still unanswered: the number they wrote to. The caller holds the
 * contact's row lock, so it stays unanswered until the caller's plan marks it.
 */
export async function unanswered(tx: Tx, messageId: number): Promise<{ ourAddress: string } | undefined> {
  const rows = await tx.$queryRaw<{ ourAddress: string }[]>`
    SELECT "ourAddress" FROM "Message" WHERE id = ${messageId} AND direction = 'in' AND "processedAt" IS NULL`;
  return rows[0];
}

/** Contacts with messages not yet answered: after a crash or a failed turn, they are picked up again. */
export async function contactsWithUnprocessed(prisma: Prisma, olderThan: Date): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ contactId: number }[]>(unprocessedQuery(olderThan));
  return rows.map((r) => r.contactId);
}

/** People's messages stored and not yet answered (for /metrics), on the index of unanswered messages. */
export async function countUnprocessed(prisma: Prisma): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Message" WHERE direction = 'in' AND "processedAt" IS NULL`;
  return row?.n ?? 0;
}

/** On the partial index of unanswered messages (a test reads its plan): the same cost however many were answered. */
export function unprocessedQuery(olderThan: Date): Sql.Sql {
  return Sql.sql`
    SELECT DISTINCT "contactId" FROM "Message"
    WHERE direction = 'in' AND "processedAt" IS NULL AND "createdAt" <= ${olderThan}
    LIMIT 500`;
}
