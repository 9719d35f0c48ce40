import type { Prisma, Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";
import { channelSchema } from "../stored-values.ts";

/** The person verified this case (number and factor): they follow it from now, or again from now. */
export async function followCase(tx: Tx, caseId: number, contactId: number, at = new Date()): Promise<void> {
  await tx.caseFollower.upsert({
    where: { caseId_contactId: { caseId, contactId } },
    create: { caseId, contactId, verifiedAt: at },
    update: { verifiedAt: at },
  });
}

/**
 * The case changed: one news row for each follower who said yes to being written to, unless one is already
 * waiting (its quiet period started at the first change). Returns the contacts newly queued.
 */
export async function queueNews(tx: Tx, caseId: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ contactId: number }[]>`
    INSERT INTO "CaseNews" ("caseId", "contactId")
    SELECT f."caseId", f."contactId" FROM "CaseFollower" f JOIN "Contact" c ON c.id = f."contactId"
    WHERE f."caseId" = ${caseId} AND c."updatesConsent" AND NOT c."optedOut"
    ON CONFLICT DO NOTHING
    RETURNING "contactId"`;
  return rows.map((r) => r.contactId);
}

export interface DueNews {
  caseId: number;
  contactId: number;
  channel: Channel;
  address: string;
  language: string | null;
  optedOut: boolean;
  updatesConsent: boolean | null;
  lastInboundAt: Date | null;
  /** our number the person last wrote to: the news leaves from it; null if they never wrote */
  ourAddress: string | null;
}

/**
 * News whose quiet period is over, locked with its contact for the caller's transaction, with the number the
 * person last wrote to. SKIP LOCKED: rows another process holds, or a person in the middle of a turn (or an
 * erasure), wait for the next round.
 */
export async function claimDueNews(tx: Tx, quietSeconds: number, limit: number): Promise<DueNews[]> {
  const rows = await tx.$queryRaw<(Omit<DueNews, "channel"> & { channel: string })[]>`
    SELECT n."caseId", n."contactId", c.channel, c.address, c.language, c."optedOut", c."updatesConsent",
      c."lastInboundAt", (SELECT m."ourAddress" FROM "Message" m WHERE m."contactId" = c.id AND m.direction = 'in'
        ORDER BY m.id DESC LIMIT 1) AS "ourAddress"
    FROM "CaseNews" n JOIN "Contact" c ON c.id = n."contactId"
    WHERE n."changedAt" <= now() - make_interval(secs => ${quietSeconds})
    ORDER BY n."changedAt" LIMIT ${limit}
    FOR UPDATE OF n, c SKIP LOCKED`;
  return rows.map((r) => ({ ...r, channel: channelSchema.parse(r.channel) }));
}

/** The news is queued or skipped: in the same transaction, so it is never handled twice. */
export async function dropNews(tx: Tx, news: readonly { caseId: number; contactId: number }[]): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "CaseNews" n USING unnest(${news.map((r) => r.caseId)}::int[], ${news.map((r) => r.contactId)}::int[])
      AS d("caseId", "contactId")
    WHERE n."caseId" = d."caseId" AND n."contactId" = d."contactId"`;
}

/** Followers who have not checked their case since `before` are followed no longer. */
export async function forgetFollowersBefore(db: Prisma, before: Date): Promise<number> {
  return (await db.caseFollower.deleteMany({ where: { verifiedAt: { lt: before } } })).count;
}
