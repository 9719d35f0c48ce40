// The broadcast lane's rows (BroadcastRecipient): claimed, sent, retried, skipped, reported on. Kept apart from
// the Outbox table, so a person's own replies are never claimed behind a broadcast's hundred thousand rows.
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { Prisma as Sql } from "../db/generated/client.ts";
import { type Channel, CHANNELS } from "../channels/profile.ts";
import { DELIVERY_STATUSES, type DeliveryReport, statusesBelow } from "../channels/message.ts";

/** A claimed row's lease: a sender that died mid-send frees it after this; a batch is sized to fit well within */
export const BROADCAST_LEASE_SECONDS = 60;
const ATTEMPT_START = Sql.sql`"lockedUntil" - make_interval(secs => ${BROADCAST_LEASE_SECONDS})`;

const claimedSchema = z.object({
  id: z.number(),
  broadcastId: z.number(),
  contactId: z.number().nullable(),
  channel: z.enum(CHANNELS),
  language: z.string(),
  textLanguage: z.string(),
  attempts: z.number(),
  doubtSince: z.date().nullable(),
  texts: z.record(z.string(), z.string()),
  address: z.string().nullable(),
  optedOut: z.boolean().nullable(),
  updatesConsent: z.boolean().nullable(),
  lastInboundAt: z.date().nullable(),
  /** our number the person last wrote to: the broadcast goes out from it */
  ourAddress: z.string().nullable(),
});
export type ClaimedRecipient = z.infer<typeof claimedSchema>;

/**
 * Claim up to `limit` rows of this channel's broadcasts that are sending (not paused or cancelled), oldest first,
 * with what sending needs: the person's number and consent read now, the texts. SKIP LOCKED lets processes share.
 */
export async function claimRecipients(prisma: Prisma, channel: Channel, limit: number): Promise<ClaimedRecipient[]> {
  // a lease that ran out after Twilio's status callback named the message: Twilio has it
  await prisma.$executeRaw`
    UPDATE "BroadcastRecipient" SET status = 'sent', "lockedUntil" = NULL
    WHERE status = 'sending' AND "lockedUntil" < now() AND "providerSid" IS NOT NULL`;
  const rows = await prisma.$queryRaw<unknown[]>(recipientClaimQuery(channel, limit));
  return rows.map((r) => claimedSchema.parse(r));
}

/** Recipient ids a claim looks through in each sending broadcast, from its first unsent row on the channel. */
const LANE_WINDOW = 1_000;

/**
 * The claim as one statement (a test reads its plan). The rows read are bounded by the window, whatever the
 * planner believes of how many wait: without it, a claim of 10 walked and sorted every unsent row of a broadcast
 * to 50,000 (and a paused broadcast's rows are never read). A window full of rows waiting for a retry holds its
 * lane back until they are due, as the retries of a failing lane would anyway.
 */
export function recipientClaimQuery(channel: Channel, limit: number): Sql.Sql {
  return Sql.sql`
    WITH lanes AS MATERIALIZED (
      SELECT b.id, (SELECT id FROM "BroadcastRecipient"
        WHERE "broadcastId" = b.id AND channel = ${channel} AND status IN ('pending', 'sending') ORDER BY id LIMIT 1) AS first
      FROM "Broadcast" b WHERE b.status = 'sending'),
    picked AS (
      UPDATE "BroadcastRecipient" r SET status = 'sending', attempts = r.attempts + 1,
        "lockedUntil" = now() + make_interval(secs => ${BROADCAST_LEASE_SECONDS}),
        -- a lease that ran out mid-send: that attempt may have reached Twilio (SET reads the row as it was)
        "doubtSince" = CASE WHEN r.status = 'sending' THEN COALESCE(r."doubtSince", ${ATTEMPT_START}) ELSE r."doubtSince" END
      WHERE r.id IN (
        SELECT x.id FROM lanes l
          JOIN "BroadcastRecipient" x ON x."broadcastId" = l.id AND x.channel = ${channel}
            AND x.id >= l.first AND x.id < l.first + ${LANE_WINDOW}::int
        WHERE x.status IN ('pending', 'sending')
          AND ((x.status = 'pending' AND x."nextAttemptAt" <= now())
            OR (x.status = 'sending' AND x."lockedUntil" < now() AND x."providerSid" IS NULL))
        ORDER BY x.id LIMIT ${limit}
        FOR UPDATE OF x SKIP LOCKED)
      RETURNING r.*)
    SELECT p.id, p."broadcastId", p."contactId", p.channel, p.language, p."textLanguage", p.attempts,
      p."doubtSince", b.texts, c.address, c."optedOut", c."updatesConsent", c."lastInboundAt", m."ourAddress"
    FROM picked p JOIN "Broadcast" b ON b.id = p."broadcastId"
      LEFT JOIN "Contact" c ON c.id = p."contactId"
      LEFT JOIN LATERAL (SELECT "ourAddress" FROM "Message" WHERE "contactId" = p."contactId" AND direction = 'in'
        ORDER BY id DESC LIMIT 1) m ON true
    ORDER BY p.id`;
}

/**
 * Twilio has these (sent now, or found by a look-up after an attempt cut off by a crash): one statement for a batch;
 * a delivery report that came first is kept. An id another row already holds is left for the next look-up, not
 * allowed to fail the whole batch on the unique key.
 */
export async function markRecipientsSent(
  prisma: Prisma,
  sent: { id: number; providerSid: string; via: "text" | "template" }[],
): Promise<void> {
  if (sent.length === 0) return;
  await prisma.$executeRaw`
    UPDATE "BroadcastRecipient" r SET status = 'sent', "providerSid" = v.sid, via = v.via, "lockedUntil" = NULL,
      "doubtSince" = NULL, "sentAt" = COALESCE(r."sentAt", now()),
      "deliveryStatus" = COALESCE(r."deliveryStatus", 'queued')
    FROM unnest(${sent.map((s) => s.id)}::int[], ${sent.map((s) => s.providerSid)}::text[],
      ${sent.map((s) => s.via)}::text[]) AS v(id, sid, via)
    WHERE r.id = v.id
      AND NOT EXISTS (SELECT 1 FROM "BroadcastRecipient" o WHERE o."providerSid" = v.sid AND o.id <> v.id)`;
}

export async function markRecipientRetry(
  prisma: Prisma,
  retry: { id: number; delayMs: number; maybeSent: boolean },
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "BroadcastRecipient" SET status = 'pending', "lockedUntil" = NULL,
      "nextAttemptAt" = ${new Date(Date.now() + retry.delayMs)},
      "doubtSince" = CASE WHEN ${retry.maybeSent} THEN COALESCE("doubtSince", ${ATTEMPT_START}) ELSE "doubtSince" END
    WHERE id = ${retry.id}`;
}

export async function markRecipientFailed(prisma: Prisma, id: number, code: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "BroadcastRecipient" SET status = 'failed', "errorCode" = ${code}, "lockedUntil" = NULL WHERE id = ${id}`;
}

/** Not sent, and why (the person opted out since, no template for their language…): counted in the report. */
export async function markRecipientSkipped(prisma: Prisma, id: number, reason: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "BroadcastRecipient" SET status = 'skipped', "skipReason" = ${reason}, "lockedUntil" = NULL WHERE id = ${id}`;
}

/** Twilio answered 429 for this broadcast's send: counted, the report shows it. */
export async function countThrottled(prisma: Prisma, broadcastId: number): Promise<void> {
  await prisma.$executeRaw`UPDATE "Broadcast" SET throttled = throttled + 1 WHERE id = ${broadcastId}`;
}

/** Of these provider ids, the ones a broadcast's row already carries. */
export async function recordedBroadcastSids(prisma: Prisma, sids: string[]): Promise<Set<string>> {
  if (sids.length === 0) return new Set();
  const rows = await prisma.$queryRaw<{ sid: string }[]>`
    SELECT "providerSid" AS sid FROM "BroadcastRecipient" WHERE "providerSid" = ANY(${sids}::text[])`;
  return new Set(rows.map((r) => r.sid));
}

/** The StatusCallback reference of a broadcast's message: "b" and its row id (an outbox reply's is its id alone). */
export const broadcastReference = (recipientId: number) => `b${recipientId}`;
const REFERENCE = /^b(\d{1,10})$/;
export const isBroadcastReference = (reference: string) => REFERENCE.test(reference);

/** A delivery report for a broadcast's message, unless it already has a later status. */
export async function recordBroadcastDelivery(prisma: Prisma, report: DeliveryReport): Promise<boolean> {
  const id = Number(REFERENCE.exec(report.reference)?.[1]);
  if (!(id > 0 && id <= 2_147_483_647) || !(DELIVERY_STATUSES as readonly string[]).includes(report.status))
    return false;
  const changed = await prisma.$executeRaw`
    UPDATE "BroadcastRecipient" SET "deliveryStatus" = ${report.status}, "providerSid" = ${report.providerId},
      "errorCode" = COALESCE(${report.errorCode ?? null}::text, "errorCode"),
      status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END, "sentAt" = COALESCE("sentAt", now())
    WHERE id = ${id} AND ("deliveryStatus" IS NULL OR "deliveryStatus" = ANY(${statusesBelow(report.status)}::text[]))`;
  return changed > 0;
}
