import { z } from "zod";
import type { Prisma, Tx } from "../../db/database.ts";
import { type Audience, audienceSchema, audienceWhere } from "./audience.ts";

/** English is required: it is the text a language without its own gets, when the composer says so. */
export const FALLBACK_LANGUAGE = "en";
/** a text's longest: 10 SMS segments of Latin letters, about 24 in other scripts */
export const MAX_BROADCAST_TEXT = 1600;
export const broadcastTextsSchema = z
  .record(z.string().regex(/^[a-z]{2,3}$/), z.string().trim().min(1).max(MAX_BROADCAST_TEXT))
  .refine((t) => Boolean(t[FALLBACK_LANGUAGE]), { message: "English is required", path: [FALLBACK_LANGUAGE] });
export type BroadcastTexts = z.infer<typeof broadcastTextsSchema>;

export const BROADCAST_STATUSES = ["scheduled", "sending", "paused", "cancelled", "done"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export interface NewBroadcast {
  title: string;
  texts: BroadcastTexts;
  englishFallback: boolean;
  audience: Audience;
  sendAt: Date;
  createdById: number;
}

export async function createBroadcast(prisma: Prisma, b: NewBroadcast): Promise<number> {
  const row = await prisma.broadcast.create({ data: b, select: { id: true } });
  return row.id;
}

const broadcastSchema = z.object({
  id: z.number(),
  title: z.string(),
  texts: broadcastTextsSchema,
  englishFallback: z.boolean(),
  audience: audienceSchema,
  status: z.enum(BROADCAST_STATUSES),
  sendAt: z.date(),
  queuedAt: z.date().nullable(),
  queueMs: z.number().nullable(),
  finishedAt: z.date().nullable(),
  throttled: z.number(),
  createdAt: z.date(),
});
export type Broadcast = z.infer<typeof broadcastSchema>;

export async function findBroadcast(prisma: Prisma, id: number): Promise<Broadcast | undefined> {
  const row = await prisma.broadcast.findUnique({ where: { id } });
  return row ? broadcastSchema.parse(row) : undefined;
}

export async function listBroadcasts(prisma: Prisma, take = 50): Promise<Broadcast[]> {
  const rows = await prisma.broadcast.findMany({ orderBy: { id: "desc" }, take });
  return rows.map((r) => broadcastSchema.parse(r));
}

/** The people the audience names now, per language and channel, and whether each language has a text. */
export async function audienceCount(
  prisma: Prisma,
  audience: Audience,
  defaultLanguage: string,
): Promise<{ language: string; channel: string; people: number }[]> {
  return prisma.$queryRaw`
    SELECT COALESCE(c.language, ${defaultLanguage}) AS language, c.channel, count(*)::int AS people
    FROM "Contact" c WHERE ${audienceWhere(audience, defaultLanguage)}
    GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`;
}

/**
 * The next due broadcast's recipients, queued with one INSERT … SELECT (100,000 people are one statement, not
 * 100,000): a person whose language has no text, and no English fallback was ticked, is queued as skipped
 * (no_text), so the report counts them. The broadcast row is locked: two processes never queue it twice.
 */
export async function queueNextDue(
  prisma: Prisma,
  defaultLanguage: string,
): Promise<{ id: number; queued: number; ms: number } | undefined> {
  return prisma.$transaction(
    async (tx) => {
      const [due] = await tx.$queryRaw<unknown[]>`
        SELECT * FROM "Broadcast" WHERE status = 'scheduled' AND "sendAt" <= now()
        ORDER BY "sendAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!due) return undefined;
      const b = broadcastSchema.parse(due);
      const started = Date.now();
      const queued = await insertRecipients(tx, b, defaultLanguage);
      const ms = Date.now() - started;
      await tx.broadcast.update({
        where: { id: b.id },
        data: { status: "sending", queuedAt: new Date(), queueMs: ms },
      });
      return { id: b.id, queued, ms };
    },
    { timeout: 120_000 },
  );
}

async function insertRecipients(tx: Tx, b: Broadcast, defaultLanguage: string): Promise<number> {
  const texts = JSON.stringify(b.texts);
  return tx.$executeRaw`
    INSERT INTO "BroadcastRecipient" ("broadcastId", "contactId", channel, language, "textLanguage", status, "skipReason")
    SELECT ${b.id}, c.id, c.channel, l.lang,
      CASE WHEN t.own THEN l.lang ELSE ${FALLBACK_LANGUAGE} END,
      CASE WHEN t.own OR ${b.englishFallback} THEN 'pending' ELSE 'skipped' END,
      CASE WHEN t.own OR ${b.englishFallback} THEN NULL ELSE 'no_text' END
    FROM "Contact" c
      CROSS JOIN LATERAL (SELECT COALESCE(c.language, ${defaultLanguage}) AS lang) l
      CROSS JOIN LATERAL (SELECT (${texts}::jsonb ->> l.lang) IS NOT NULL AS own) t
    WHERE ${audienceWhere(b.audience, defaultLanguage)}
    ORDER BY c.id`;
}

/** Sending broadcasts with nothing left to send are done; returns their ids. */
export async function finishSent(prisma: Prisma): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE "Broadcast" b SET status = 'done', "finishedAt" = now()
    WHERE b.status = 'sending' AND NOT EXISTS (
      SELECT 1 FROM "BroadcastRecipient" r WHERE r."broadcastId" = b.id AND r.status IN ('pending', 'sending'))
    RETURNING id`;
  return rows.map((r) => r.id);
}

/**
 * Move a broadcast from one of `from` to `to`; false when it is in none of them. Cancelling skips what is still
 * waiting (rows already with Twilio stay as they are), in the same transaction.
 */
export async function changeStatus(
  prisma: Prisma,
  id: number,
  from: readonly BroadcastStatus[],
  to: BroadcastStatus,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const changed = await tx.broadcast.updateMany({
      where: { id, status: { in: [...from] } },
      data: { status: to, ...(to === "cancelled" ? { finishedAt: new Date() } : {}) },
    });
    if (changed.count && to === "cancelled")
      await tx.$executeRaw`
        UPDATE "BroadcastRecipient" SET status = 'skipped', "skipReason" = 'cancelled', "lockedUntil" = NULL
        WHERE "broadcastId" = ${id} AND status = 'pending'`;
    return changed.count > 0;
  });
}

export interface BroadcastCounts {
  /** everyone the audience named when it was queued */
  total: number;
  /** to be sent (not skipped at queueing or since) */
  queued: number;
  waiting: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: number;
}

export interface BroadcastReport extends BroadcastCounts {
  /** failures by Twilio's error code (or the REST answer's) */
  failures: { code: string; count: number }[];
  skips: { reason: string; count: number }[];
  /** messages people sent after the broadcast reached them, and how many people sent them */
  replies: number;
  repliedPeople: number;
}

/** The counts the progress bar shows, on the broadcast's rows only. */
export async function broadcastCounts(prisma: Prisma, id: number): Promise<BroadcastCounts> {
  const [row] = await prisma.$queryRaw<BroadcastCounts[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE status <> 'skipped')::int AS queued,
      count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS waiting,
      count(*) FILTER (WHERE status = 'sent')::int AS sent,
      count(*) FILTER (WHERE "deliveryStatus" IN ('delivered', 'read'))::int AS delivered,
      count(*) FILTER (WHERE "deliveryStatus" = 'read')::int AS read,
      count(*) FILTER (WHERE status = 'failed' OR "deliveryStatus" IN ('failed', 'undelivered'))::int AS failed,
      count(*) FILTER (WHERE status = 'skipped')::int AS skipped
    FROM "BroadcastRecipient" WHERE "broadcastId" = ${id}`;
  return row!;
}

export async function broadcastReport(prisma: Prisma, id: number): Promise<BroadcastReport> {
  const counts = await broadcastCounts(prisma, id);
  const failures = await prisma.$queryRaw<{ code: string; count: number }[]>`
    SELECT COALESCE("errorCode", 'unknown') AS code, count(*)::int AS count FROM "BroadcastRecipient"
    WHERE "broadcastId" = ${id} AND (status = 'failed' OR "deliveryStatus" IN ('failed', 'undelivered'))
    GROUP BY 1 ORDER BY 2 DESC, 1`;
  const skips = await prisma.$queryRaw<{ reason: string; count: number }[]>`
    SELECT COALESCE("skipReason", 'unknown') AS reason, count(*)::int AS count FROM "BroadcastRecipient"
    WHERE "broadcastId" = ${id} AND status = 'skipped' GROUP BY 1 ORDER BY 2 DESC, 1`;
  const [replies] = await prisma.$queryRaw<{ replies: number; people: number }[]>`
    SELECT count(*)::int AS replies, count(DISTINCT r.id)::int AS people
    FROM "BroadcastRecipient" r JOIN "Message" m ON m."contactId" = r."contactId"
    WHERE r."broadcastId" = ${id} AND r."sentAt" IS NOT NULL AND m.direction = 'in' AND m."createdAt" > r."sentAt"`;
  return { ...counts, failures, skips, replies: replies?.replies ?? 0, repliedPeople: replies?.people ?? 0 };
}

/** One line per recipient for the report's export: no number, no contact id; whether they replied. */
export async function recipientLines(prisma: Prisma, id: number) {
  return prisma.$queryRaw<
    {
      language: string;
      channel: string;
      status: string;
      via: string | null;
      deliveryStatus: string | null;
      errorCode: string | null;
      skipReason: string | null;
      sentAt: Date | null;
      replies: number;
    }[]
  >`
    SELECT r.language, r.channel, r.status, r.via, r."deliveryStatus", r."errorCode", r."skipReason", r."sentAt",
      (SELECT count(*)::int FROM "Message" m WHERE m."contactId" = r."contactId" AND m.direction = 'in'
        AND r."sentAt" IS NOT NULL AND m."createdAt" > r."sentAt") AS replies
    FROM "BroadcastRecipient" r WHERE r."broadcastId" = ${id} ORDER BY r.id`;
}
