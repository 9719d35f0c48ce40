import type { Prisma } from "../db/database.ts";
import { Prisma as Sql } from "../db/generated/client.ts";
import {
  DELIVERY_STATUSES,
  type DeliveryReport,
  type DeliveryStatus,
  type Interactive,
  interactiveSchema,
  statusesBelow,
} from "../channels/message.ts";

export interface ClaimedReply {
  id: number;
  /** null for the last reply to a person who erased their data (see forgetFarewell) */
  contactId: number | null;
  channel: string;
  toAddress: string;
  fromAddress: string;
  body: string;
  /** the question with its choices as data, for a channel that shows them as buttons or a list */
  interactive: Interactive | undefined;
  contentSid: string | null;
  attempts: number;
  /** when the turn queued it (how long it has waited to leave) */
  queuedAt: Date;
  /** an earlier send may have reached Twilio, from this time on: look it up before sending again */
  doubtSince: Date | null;
}

/**
 * How long a claimed row stays ours before another worker may
 * take it (a crash mid-send): twice the sender's 15 s deadline.
 */
const LEASE_SECONDS = 30;

/** When the attempt now holding the row began: its lease runs LEASE_SECONDS from the claim. */
const ATTEMPT_START = Sql.sql`"lockedUntil" - make_interval(secs => ${LEASE_SECONDS})`;

/** A claim's replies, and the id the next claim starts from (0: the oldest waiting reply again). */
export interface Claim {
  rows: ClaimedReply[];
  resumeAt: number;
}

/**
 * Claim replies ready to send: at most the oldest unsent one per contact, so a person's replies
 * leave in order even while an earlier one waits for a retry. SKIP LOCKED lets several processes share the work.
 * The waiting replies are looked through window after window of ids from `resumeAt` on: under a backlog the first
 * window holds enough; at most MAX_WINDOWS a claim, and the next claim goes on from there, so replies waiting for a
 * retry (a channel down) neither starve the people after them nor make every claim walk the whole backlog.
 * `expiredLeases`: first settle the leases that ran out (the worker asks twice a second, not at every claim:
 * a lease lasts LEASE_SECONDS, and a claim that found replies is then one statement).
 */
export async function claimDue(
  prisma: Prisma,
  limit: number,
  { resumeAt = 0, expiredLeases = true }: { resumeAt?: number; expiredLeases?: boolean } = {},
): Promise<Claim> {
  if (expiredLeases) await settleExpiredLeases(prisma);
  const rows: ClaimedReply[] = [];
  let from = resumeAt;
  for (let window = 0; window < MAX_WINDOWS && rows.length < limit; window++) {
    const claimed = await prisma.$queryRaw<
      (Omit<ClaimedReply, "interactive"> & { interactive: unknown; first: number; last: number })[]
    >(claimQuery({ from, limit: limit - rows.length }));
    // the statement says where its window began and where the waiting replies end; when it claimed none, ask
    const span =
      claimed[0] ?? (await prisma.$queryRaw<{ first: number | null; last: number | null }[]>(waitingFrom(from)))[0];
    if (span?.first == null || span.last == null) return { rows, resumeAt: 0 };
    // a row written by an older version, or unreadable, goes as its numbered text
    for (const { first: _first, last: _last, ...row } of claimed)
      rows.push({ ...row, interactive: interactiveSchema.safeParse(row.interactive).data });
    from = span.first + CLAIM_WINDOW;
    if (span.last < from) return { rows, resumeAt: 0 };
  }
  // a full claim starts again from the oldest (what it took may have freed people's next replies)
  return { rows, resumeAt: rows.length < limit ? from : 0 };
}

/**
 * A lease that ran out means a sender died mid-send; if Twilio's status callback has named the message since,
 * Twilio has it: sending it again would reach the person twice. (The claim never takes such a row again.)
 */
export async function settleExpiredLeases(prisma: Prisma): Promise<void> {
  const known = await prisma.$queryRaw<{ id: number; contactId: number | null }[]>`
    UPDATE "Outbox" SET status = 'sent', body = '', interactive = NULL, "lockedUntil" = NULL, "updatedAt" = now()
    WHERE status = 'sending' AND "lockedUntil" < now() AND "providerSid" IS NOT NULL
    RETURNING id, "contactId"`;
  for (const row of known) if (row.contactId === null) await forgetFarewell(prisma, row.id);
}

/**
 * The first waiting reply's id from `from` on, and the last one's: a probe each of the partial index of unsent rows.
 * Written as ORDER BY … LIMIT 1, not min() and max(): for those the planner may pick a scan of every waiting row.
 */
export const waitingFrom = (from: number) => Sql.sql`
  SELECT (SELECT id FROM "Outbox" WHERE status IN ('pending', 'sending') AND id >= ${from}::int ORDER BY id LIMIT 1) AS first,
    (SELECT id FROM "Outbox" WHERE status IN ('pending', 'sending') ORDER BY id DESC LIMIT 1) AS last`;

/** Outbox ids one claim statement looks through: the rows read are bounded by it, whatever the planner believes. */
export const CLAIM_WINDOW = 1_000;
const MAX_WINDOWS = 8;

/**
 * The claim as one statement over the ids [first, first + CLAIM_WINDOW), `first` the first waiting reply's id from
 * `from` on (a test reads its plan); each row also carries `first` and `last` (waitingFrom). The planner's
 * guess of how many replies wait is no guide (a quiet line analysed, then a burst): with an open range it walked
 * every waiting row and sorted them, 75 ms a claim with 68,000 waiting; the id range bounds any plan it picks.
 * `OFFSET 0` keeps the earlier-reply check a probe per row passed, through the person's own waiting rows (the
 * partial indexes of unsent rows, prisma/schema.prisma): as an anti-join the planner may hash the whole backlog.
 */
export function claimQuery({ from, limit }: { from: number; limit: number }): Sql.Sql {
  return Sql.sql`
    WITH span AS MATERIALIZED (${waitingFrom(from)})
    UPDATE "Outbox" SET status = 'sending', "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
      attempts = attempts + 1, "updatedAt" = now(),
      -- a lease that ran out mid-send: that attempt may have reached Twilio (SET reads the row as it was)
      "doubtSince" = CASE WHEN status = 'sending' THEN COALESCE("doubtSince", ${ATTEMPT_START}) ELSE "doubtSince" END
    WHERE id IN (
      SELECT o.id FROM "Outbox" o
      -- bounds known when the statement starts (InitPlans), so they bound the index scan
      WHERE o.id >= (SELECT first FROM span) AND o.id < (SELECT first FROM span) + ${CLAIM_WINDOW}::int
        AND ((o.status = 'pending' AND o."nextAttemptAt" <= now()) OR (o.status = 'sending' AND o."lockedUntil" < now() AND o."providerSid" IS NULL))
        AND NOT EXISTS (SELECT 1 FROM "Outbox" p WHERE p."contactId" = o."contactId" AND p.id < o.id AND p.status IN ('pending', 'sending') OFFSET 0)
      ORDER BY o.id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "contactId", channel, "toAddress", "fromAddress", body, interactive, "contentSid", attempts,
      "createdAt" AS "queuedAt", "doubtSince", (SELECT first FROM span), (SELECT last FROM span)`;
}

/**
 * Twilio has these replies (just sent, or found there after a send in doubt): one statement for a whole batch.
 * The text leaves the outbox (the transcript keeps its own copy, redacted where needed), the doubt is over, and
 * Twilio's status is recorded with "sent", unless a delivery report already moved the message further. A reply
 * found whose id another row took meanwhile is left as it is: it stays in doubt and is looked up again.
 */
export async function markSent(
  prisma: Prisma,
  sent: { id: number; providerSid: string; status: string }[],
): Promise<void> {
  if (sent.length === 0) return;
  const status = sent.map((s) => asStatus(s.status));
  await prisma.$executeRaw`
    UPDATE "Outbox" o SET status = 'sent', "providerSid" = v.sid, body = '', interactive = NULL, "lockedUntil" = NULL, "lastError" = NULL,
      "doubtSince" = NULL, "updatedAt" = CURRENT_TIMESTAMP,
      "deliveryStatus" = CASE WHEN o."deliveryStatus" IS NULL OR o."deliveryStatus" = ANY(string_to_array(v.below, ',')) THEN v.status ELSE o."deliveryStatus" END
    FROM unnest(${sent.map((s) => s.id)}::int[], ${sent.map((s) => s.providerSid)}::text[], ${status}::text[],
      ${status.map((s) => statusesBelow(s).join(","))}::text[]) AS v(id, sid, status, below)
    WHERE o.id = v.id AND NOT EXISTS (SELECT 1 FROM "Outbox" t WHERE t."providerSid" = v.sid AND t.id <> v.id)`;
}

/**
 * The last reply to a person who erased their data (no contact) is deleted once it has left or
 * failed for good: its row holds their phone number. A later delivery report then finds no row.
 * Called for that row only, so the send path of every other reply pays nothing for it.
 */
export async function forgetFarewell(prisma: Prisma, id: number): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "Outbox" WHERE id = ${id} AND "contactId" IS NULL AND status IN ('sent', 'failed')`;
}

/** Try again later; `maybeSent`: this attempt's request left without an answer, so it may have reached Twilio. */
export async function markRetry(
  prisma: Prisma,
  retry: { id: number; delayMs: number; error: string; maybeSent: boolean },
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "Outbox" SET status = 'pending', "nextAttemptAt" = ${new Date(Date.now() + retry.delayMs)}, "lockedUntil" = NULL,
      "lastError" = ${retry.error}, "updatedAt" = now(),
      "doubtSince" = CASE WHEN ${retry.maybeSent} THEN COALESCE("doubtSince", ${ATTEMPT_START}) ELSE "doubtSince" END
    WHERE id = ${retry.id}`;
}

/** Of these provider ids, the ones some reply already carries. */
export async function recordedSids(prisma: Prisma, sids: string[]): Promise<Set<string>> {
  if (sids.length === 0) return new Set();
  const rows = await prisma.$queryRaw<{ sid: string }[]>`
    SELECT "providerSid" AS sid FROM "Outbox" WHERE "providerSid" = ANY(${sids}::text[])`;
  return new Set(rows.map((r) => r.sid));
}

export async function markFailed(prisma: Prisma, id: number, code: string, error: string): Promise<void> {
  await prisma.outbox.update({
    where: { id },
    data: { status: "failed", errorCode: code, lastError: error, lockedUntil: null },
  });
}

/**
 * Apply a delivery report unless the message already has a later status (reports arrive out of order).
 * A reply waiting for a retry (its send failed without a clear answer) is then sent: Twilio has it, and
 * sending it again would reach the person twice.
 */
export async function recordDelivery(prisma: Prisma, report: DeliveryReport): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: number; contactId: number | null; status: string }[]>`
    UPDATE "Outbox" SET "deliveryStatus" = ${report.status}, "providerSid" = ${report.providerId},
      "errorCode" = COALESCE(${report.errorCode ?? null}::text, "errorCode"),
      status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END,
      body = CASE WHEN status = 'pending' THEN '' ELSE body END,
      interactive = CASE WHEN status = 'pending' THEN NULL ELSE interactive END, "updatedAt" = now()
    WHERE id = ${Number(report.reference)} AND ("deliveryStatus" IS NULL OR "deliveryStatus" = ANY(${statusesBelow(report.status)}::text[]))
    RETURNING id, "contactId", status`;
  for (const row of rows) if (row.contactId === null && row.status === "sent") await forgetFarewell(prisma, row.id);
  return rows.length > 0;
}

/** Twilio's status as we know it; one it added since reads as "queued" (it has the message, nothing more). */
const asStatus = (s: string): DeliveryStatus => DELIVERY_STATUSES.find((known) => known === s) ?? "queued";

/** Replies not yet with Twilio and the age of the oldest (for /metrics), on the index of unsent rows. */
export async function outboxBacklog(prisma: Prisma): Promise<{ depth: number; oldestSeconds: number }> {
  const [row] = await prisma.$queryRaw<{ depth: number; oldest: number | null }[]>`
    SELECT count(*)::int AS depth, EXTRACT(EPOCH FROM now() - min("createdAt"))::float8 AS oldest
    FROM "Outbox" WHERE status IN ('pending', 'sending')`;
  return { depth: row?.depth ?? 0, oldestSeconds: Math.max(0, row?.oldest ?? 0) };
}
