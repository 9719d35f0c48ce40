import type { Prisma, Tx } from "../../db/database.ts";
import { Prisma as Sql } from "../../db/generated/client.ts";
import type { RowWindow } from "../paging.ts";
import type { BulkAction, NeedFilter } from "./dashboard.ts";

// Every query reads the Need table alone: it holds no phone number, and Contact is never joined.

/** The category an analyst corrected it to, else the person's own choice. */
export const CATEGORY = Sql.sql`COALESCE("reviewedCategory", "category")`;

export function where(f: NeedFilter): Sql.Sql {
  const parts: Sql.Sql[] = [];
  if (f.from) parts.push(Sql.sql`"createdAt" >= ${new Date(`${f.from}T00:00:00Z`)}`);
  // "to" is a whole day, included
  if (f.to) parts.push(Sql.sql`"createdAt" < ${new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)}`);
  if (f.category) parts.push(Sql.sql`${CATEGORY} = ${f.category}`);
  if (f.urgency) parts.push(Sql.sql`"urgency" = ${f.urgency}`);
  if (f.area) parts.push(Sql.sql`"area" = ${f.area}`);
  if (f.language) parts.push(Sql.sql`"language" = ${f.language}`);
  if (f.channel) parts.push(Sql.sql`"channel" = ${f.channel}`);
  if (f.status) parts.push(Sql.sql`"status" = ${f.status}`);
  return parts.length ? Sql.sql`WHERE ${Sql.join(parts, " AND ")}` : Sql.empty;
}

export interface Count {
  key: string;
  n: number;
}
export interface WeekCount {
  week: Date;
  urgency: string;
  n: number;
}
export interface NeedAggregates {
  total: number;
  byCategory: Count[];
  byWeek: WeekCount[];
  byArea: Count[];
  byLanguage: Count[];
}

interface AggregateRow {
  g: number;
  category: string | null;
  week: Date | null;
  urgency: string | null;
  area: string | null;
  language: string | null;
  n: number;
}

/**
 * All the dashboard's counts in one scan of the filtered needs (GROUPING SETS); `g` tells which
 * grouping a row belongs to (a bit per column left out, in the order of GROUPING's arguments).
 */
export async function needAggregates(prisma: Prisma, f: NeedFilter): Promise<NeedAggregates> {
  const rows = await prisma.$queryRaw<AggregateRow[]>`
    SELECT GROUPING(${CATEGORY}, date_trunc('week', "createdAt"), "urgency", "area", "language")::int AS g,
           ${CATEGORY} AS category, date_trunc('week', "createdAt") AS week, "urgency", "area", "language", count(*)::int AS n
      FROM "Need" ${where(f)}
     GROUP BY GROUPING SETS ((${CATEGORY}), (date_trunc('week', "createdAt"), "urgency"), ("area"), ("language"), ())`;
  const counts = (g: number, key: (r: AggregateRow) => string | null) =>
    rows
      .filter((r) => r.g === g)
      .map((r) => ({ key: key(r) ?? "", n: r.n }))
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return {
    total: rows.find((r) => r.g === 0b11111)?.n ?? 0,
    byCategory: counts(0b01111, (r) => r.category),
    byWeek: rows
      .filter((r) => r.g === 0b10011 && r.week && r.urgency)
      .map((r) => ({ week: r.week ?? new Date(0), urgency: r.urgency ?? "", n: r.n }))
      .sort((a, b) => a.week.getTime() - b.week.getTime()),
    byArea: counts(0b11101, (r) => r.area),
    byLanguage: counts(0b11110, (r) => r.language),
  };
}

/** A need as analysts see it: what was asked, never who asked. */
export interface NeedRow {
  id: number;
  reference: string;
  createdAt: Date;
  category: string;
  reviewedCategory: string | null;
  urgency: string;
  /** the description named a protection risk: the person was handed to a caseworker at once */
  risk: boolean;
  area: string;
  areaOther: string | null;
  language: string;
  channel: string;
  status: string;
  tags: string[];
  text: string;
  textErasedAt: Date | null;
  attachments: number;
}

const ROW_COLUMNS = Sql.sql`"id", "reference", "createdAt", "category", "reviewedCategory", "urgency", "risk", "area", "areaOther",
  "language", "channel", "status", "tags", "text", "textErasedAt",
  (SELECT count(*)::int FROM "NeedAttachment" a WHERE a."needId" = "Need"."id") AS "attachments"`;

/** The review queue: newest first, a page at a time. */
export function needPage(prisma: Prisma, f: NeedFilter, page: RowWindow): Promise<NeedRow[]> {
  return prisma.$queryRaw<NeedRow[]>`
    SELECT ${ROW_COLUMNS} FROM "Need" ${where(f)} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${page.take} OFFSET ${page.skip}`;
}

/**
 * A need as exported. The facts our own code writes (reference, dates, category and status ids, area,
 * language, tags, counts: all validated slugs, none needing CSV quotes) come already joined as CSV by
 * the database; the person's words come apart, to be masked and quoted. Reading three text columns instead of
 * fourteen typed ones makes a 100,000-row export several times faster.
 */
export interface NeedExportRow {
  id: number;
  fields: string;
  areaOther: string;
  text: string;
}

/** The columns of `fields`, in order. */
export const NEED_EXPORT_FIELDS = [
  "reference",
  "reported_at",
  "category",
  "corrected_category",
  "urgency",
  "risk",
  "area",
  "language",
  "channel",
  "status",
  "tags",
  "attachments",
  "text_erased_at",
];

const iso = (column: Sql.Sql) => Sql.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/**
 * Every filtered need in the order reported, in batches (keyset on the primary key), so an export
 * of 100,000 needs is sent while it is read instead of held in memory whole.
 */
export async function* needExportBatches(
  prisma: Prisma,
  f: NeedFilter,
  size = 10_000,
): AsyncGenerator<NeedExportRow[]> {
  const filter = where(f);
  const fields = Sql.join(
    [
      Sql.sql`n."reference"`,
      iso(Sql.sql`n."createdAt"`),
      Sql.sql`n."category"`,
      Sql.sql`n."reviewedCategory"`,
      Sql.sql`n."urgency"`,
      Sql.sql`CASE WHEN n."risk" THEN 'risk' END`,
      Sql.sql`n."area"`,
      Sql.sql`n."language"`,
      Sql.sql`n."channel"`,
      Sql.sql`n."status"`,
      Sql.sql`array_to_string(n."tags", ' ')`,
      Sql.sql`a."n"::text`,
      iso(Sql.sql`n."textErasedAt"`),
    ].map((c) => Sql.sql`COALESCE(${c}, '')`),
    ", ",
  );
  let after = 0;
  for (;;) {
    const rows = await prisma.$queryRaw<NeedExportRow[]>`
      SELECT n."id", concat_ws(',', ${fields}) AS "fields", COALESCE(n."areaOther", '') AS "areaOther", n."text"
        FROM (SELECT * FROM "Need" ${filter}) n
        CROSS JOIN LATERAL (SELECT count(*) AS "n" FROM "NeedAttachment" WHERE "needId" = n."id") a
       WHERE n."id" > ${after} ORDER BY n."id" LIMIT ${size}`;
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < size) return;
  }
}

/** Applies a bulk action to the given needs; returns how many changed. */
export async function applyBulkAction(prisma: Prisma, ids: number[], a: BulkAction): Promise<number> {
  if (ids.length === 0) return 0;
  switch (a.action) {
    case "status":
      return (await prisma.need.updateMany({ where: { id: { in: ids } }, data: { status: a.status } })).count;
    case "category":
      return (await prisma.need.updateMany({ where: { id: { in: ids } }, data: { reviewedCategory: a.category } }))
        .count;
    case "tag":
      // only where the tag is missing, so a tag is never listed twice
      return prisma.$executeRaw`UPDATE "Need" SET "tags" = array_append("tags", ${a.tag})
        WHERE "id" = ANY(${ids}::int[]) AND NOT (${a.tag} = ANY("tags"))`;
  }
}

/**
 * Retention: the person's own words (text, the place they typed, voice notes and photos) of needs
 * reported before `before` are erased; category, urgency, area, language, channel and dates stay for the counts.
 * The same words are also in the transcript (the replies to the flow's `personal` questions): emptied
 * there in the same transaction, or the setting would erase only one of two copies.
 */
export function eraseNeedText(
  prisma: Prisma,
  before: Date,
  now = new Date(),
): Promise<{ needs: number; attachments: number; messages: number }> {
  return prisma.$transaction(async (tx) => ({
    ...(await eraseNeedWords(tx, { createdAt: { lt: before } }, now)),
    messages: await erasePersonalMessages(tx, before),
  }));
}

/**
 * The person's words of the needs `where` selects are erased, the rest kept for the counts: used by
 * retention (by age) and by a person's erasure (by contact), in the caller's transaction.
 */
export async function eraseNeedWords(
  tx: Tx,
  where: { createdAt: { lt: Date } } | { contactId: number },
  now = new Date(),
): Promise<{ needs: number; attachments: number }> {
  const { count: attachments } = await tx.needAttachment.deleteMany({ where: { need: where } });
  const { count: needs } = await tx.need.updateMany({
    where: { ...where, textErasedAt: null },
    data: { text: "", areaOther: null, textErasedAt: now },
  });
  return { needs, attachments };
}

/** The areas and languages any need has, for the filter lists (a loose index scan would be overkill here). */
export async function needFacets(prisma: Prisma): Promise<{ areas: string[]; languages: string[] }> {
  const rows = await prisma.$queryRaw<{ area: string | null; language: string | null }[]>`
    SELECT "area", "language" FROM "Need" GROUP BY GROUPING SETS (("area"), ("language"))`;
  const pick = (k: "area" | "language") => rows.flatMap((r) => (r[k] ? [r[k]] : [])).sort();
  return { areas: pick("area"), languages: pick("language") };
}

/**
 * Retention: the person's own words (`personal` answers: a need's description, a place they typed) and
 * their media links received before `before` are emptied from the transcript; the rows stay, so the
 * conversation still reads in order (staff see "erased (retention)"). Returns how many were emptied.
 */
export function erasePersonalMessages(tx: Tx, before: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Message" SET body = '', media = '[]'::jsonb
    WHERE personal AND direction = 'in' AND "createdAt" < ${before} AND (body <> '' OR media <> '[]'::jsonb)`;
}
