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
}

/**
 * News whose quiet period is over, locked with its contact for the caller's transaction. SKIP LOCKED: rows
 * another process holds, or a person in the middle of a turn (or an erasure), wait for the next round.
 */
export async function claimDueNews(tx: Tx, quietSeconds: number, limit: number): Promise<DueNews[]> {
  const rows = await tx.$queryRaw<(Omit<DueNews, "channel"> & { channel: string })[]>`
    SELECT n."caseId", n."contactId", c.channel, c.address, c.language, c."optedOut", c."updatesConsent",
      c."lastInboundAt"
    FROM "CaseNews" n JOIN "Contact" c ON c.id = n."contactId"
    WHERE n."changedAt" <= now() - make_interval(secs => ${quietSeconds})
    ORDER BY n."changedAt" LIMIT ${limit}
    FOR UPDATE OF n, c SKIP LOCKED`;
  return rows.map((r) => ({ ...r, channel: channelSchema.parse(r.channel) }));
}

/** The news is queued or skipped: in the same transaction, so it is never handled twice. */
export async function dropNews(tx: Tx, news: { caseId: number; contactId: number }): Promise<void> {
  await tx.caseNews.delete({ where: { caseId_contactId: { caseId: news.caseId, contactId: news.contactId } } });
}

/** Followers who have not checked their case since `before` are followed no longer. */
export async function forgetFollowersBefore(db: Prisma, before: Date): Promise<number> {
  return (await db.caseFollower.deleteMany({ where: { verifiedAt: { lt: before } } })).count;
}
