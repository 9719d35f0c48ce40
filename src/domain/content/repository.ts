import type { Prisma, Tx } from "../../db/database.ts";
import { type LegalChecks, legalChecksSchema, type Overlay, overlaySchema } from "../../i18n/content-overlay.ts";
import type { Review, Reviews } from "../../i18n/review-state.ts";
import { audit } from "../audit/repository.ts";

/** A published content version as it goes live: number 0 is the locale files alone. */
export interface PublishedContent {
  number: number;
  texts: Overlay;
  legal: LegalChecks;
}

export const FILES_ONLY: PublishedContent = { number: 0, texts: {}, legal: {} };

/** The newest version's number: every server process asks this every second or two, an index read. */
export async function latestVersionNumber(db: Tx | Prisma): Promise<number> {
  const row = await db.contentVersion.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
  return row?.number ?? 0;
}

/** A version's content (the newest without a number); the files alone when there is none. */
export async function publishedContent(db: Tx | Prisma, number?: number): Promise<PublishedContent | undefined> {
  const row = await db.contentVersion.findFirst({
    where: number === undefined ? {} : { number },
    orderBy: { number: "desc" },
    select: { number: true, texts: true, legal: true },
  });
  if (!row) return number === undefined || number === 0 ? FILES_ONLY : undefined;
  return { number: row.number, texts: overlaySchema.parse(row.texts), legal: legalChecksSchema.parse(row.legal) };
}

/** Every publish, newest first, with who and when. */
export function contentVersions(db: Tx | Prisma) {
  return db.contentVersion.findMany({
    orderBy: { number: "desc" },
    select: { number: true, publishedAt: true, restoredFrom: true, staffUser: { select: { email: true } } },
  });
}

/** A new version holding this content, audited; under a table lock, so numbers follow the order of publishes. */
export async function insertVersion(
  tx: Tx,
  staffUserId: number,
  content: { texts: Overlay; legal: LegalChecks },
  detail: { action: "content_published" | "content_restored"; restoredFrom?: number; texts: number },
): Promise<number> {
  const { number } = await tx.contentVersion.create({
    data: { texts: content.texts, legal: content.legal, staffUserId, restoredFrom: detail.restoredFrom },
    select: { number: true },
  });
  const { action, ...rest } = detail;
  await audit(tx, { staffUserId, action, detail: { version: number, ...rest } });
  return number;
}

/** Publishes and restores wait for each other: each builds on the newest version. Readers are not held. */
export async function lockVersions(tx: Tx): Promise<void> {
  await tx.$executeRaw`LOCK TABLE "ContentVersion" IN EXCLUSIVE MODE`;
}

export interface Draft {
  language: string;
  key: string;
  text: string;
  by: string;
  updatedAt: Date;
}

export async function drafts(db: Tx | Prisma, language?: string): Promise<Draft[]> {
  const rows = await db.textDraft.findMany({
    where: language === undefined ? {} : { language },
    orderBy: [{ language: "asc" }, { key: "asc" }],
    select: { language: true, key: true, text: true, updatedAt: true, staffUser: { select: { email: true } } },
  });
  return rows.map(({ staffUser, ...d }) => ({ ...d, by: staffUser.email }));
}

export async function saveDraft(
  prisma: Prisma,
  staffUserId: number,
  draft: { language: string; key: string; text: string },
) {
  await prisma.$transaction(async (tx) => {
    const { language, key, text } = draft;
    await tx.textDraft.upsert({
      where: { language_key: { language, key } },
      create: { language, key, text, staffUserId },
      update: { text, staffUserId },
    });
    await audit(tx, { staffUserId, action: "text_drafted", detail: { language, key } });
  });
}

/** Drops a draft, audited; false when there was none. */
export async function discardDraft(prisma: Prisma, staffUserId: number, language: string, key: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.textDraft.deleteMany({ where: { language, key } });
    if (count) await audit(tx, { staffUserId, action: "text_draft_discarded", detail: { language, key } });
    return count > 0;
  });
}

/** Every draft's text alone, for a publish (which may take thousands at once). */
export function draftTexts(tx: Tx): Promise<Pick<Draft, "language" | "key" | "text">[]> {
  return tx.textDraft.findMany({ select: { language: true, key: true, text: true } });
}

export async function clearDrafts(tx: Tx): Promise<void> {
  await tx.textDraft.deleteMany({});
}

/** The reviews made in the app, by language and key, over those kept in locales/review.json. */
export async function reviewsOf(db: Tx | Prisma, language?: string): Promise<Reviews> {
  const rows = await db.textReview.findMany({
    where: language === undefined ? {} : { language },
    select: { language: true, key: true, englishHash: true, reviewedAt: true, staffUser: { select: { email: true } } },
  });
  const reviews: Reviews = {};
  for (const r of rows)
    (reviews[r.language] ??= {})[r.key] = {
      by: r.staffUser.email,
      at: r.reviewedAt.toISOString(),
      englishHash: r.englishHash,
    };
  return reviews;
}

/** Marks a translation reviewed against this English (its hash), audited. */
export async function saveReview(
  prisma: Prisma,
  staffUserId: number,
  review: { language: string; key: string; englishHash: string },
): Promise<Review> {
  return prisma.$transaction(async (tx) => {
    const { language, key, englishHash } = review;
    const row = await tx.textReview.upsert({
      where: { language_key: { language, key } },
      create: { language, key, englishHash, staffUserId },
      update: { englishHash, staffUserId, reviewedAt: new Date() },
      select: { reviewedAt: true, staffUser: { select: { email: true } } },
    });
    await audit(tx, { staffUserId, action: "text_reviewed", detail: { language, key } });
    return { by: row.staffUser.email, at: row.reviewedAt.toISOString(), englishHash };
  });
}

/** The legal checks as the editors set them; they go live with the next publish. */
export async function legalChecks(db: Tx | Prisma): Promise<LegalChecks> {
  const rows = await db.legalCheck.findMany({ select: { topic: true, checkedOn: true } });
  return Object.fromEntries(rows.map((r) => [r.topic, r.checkedOn.toISOString().slice(0, 10)]));
}

export async function setLegalCheck(prisma: Prisma, staffUserId: number, topic: string, day: string) {
  await prisma.$transaction(async (tx) => {
    const checkedOn = new Date(`${day}T00:00:00Z`);
    await tx.legalCheck.upsert({
      where: { topic },
      create: { topic, checkedOn, staffUserId },
      update: { checkedOn, staffUserId },
    });
    await audit(tx, { staffUserId, action: "legal_checked", detail: { topic, day } });
  });
}

/** A restore puts the legal checks back as they were in that version. */
export async function replaceLegalChecks(tx: Tx, staffUserId: number, legal: LegalChecks): Promise<void> {
  await tx.legalCheck.deleteMany({});
  await tx.legalCheck.createMany({
    data: Object.entries(legal).map(([topic, day]) => ({
      topic,
      checkedOn: new Date(`${day}T00:00:00Z`),
      staffUserId,
    })),
  });
}
