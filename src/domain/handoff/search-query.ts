import { z } from "zod";
import type { Prisma } from "../../db/database.ts";
import { Prisma as Sql } from "../../db/generated/client.ts";
import { type Status, statusSchema } from "./state.ts";
import { calendarDay } from "../needs/dashboard.ts";
import type { RowWindow } from "../paging.ts";

/** Staff see a phone number's last four digits (maskPhone): a search by more would tell them more than that. */
export const PHONE_DIGITS = 4;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * What a search asks: words the person or a caseworker wrote, a need's reference, the phone's last digits, a
 * period (UTC days).
 */
export const searchSchema = z
  .object({
    q: z.preprocess(
      blank,
      z.string().trim().min(2, "at least 2 letters").max(200, "at most 200 characters").optional(),
    ),
    ref: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9-]{3,20}$/, "a reference such as N-7K3P9")
        .optional(),
    ),
    phone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(new RegExp(`^\\d{3,${PHONE_DIGITS}}$`), `the last 3 or ${PHONE_DIGITS} digits`)
        .optional(),
    ),
    from: z.preprocess(blank, calendarDay.optional()),
    to: z.preprocess(blank, calendarDay.optional()),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { path: ["to"], message: "before from" });
export type Search = z.infer<typeof searchSchema>;

export const searchAsksSomething = (s: Search) => Boolean(s.q || s.ref || s.phone || s.from || s.to);

/** Who searches: caseworkers find people handed to staff (whom they may open); admins find everyone. */
export interface Searcher {
  role: string;
}

export interface SearchHit {
  contactId: number;
  channel: string;
  address: string;
  language: string | null;
  status: Status | null;
  escalatedAt: Date | null;
  lastAt: Date | null;
  /** the matching message, the words found between MATCH_START and MATCH_END, when words were searched */
  snippet: string | null;
  references: string[];
  notes: number;
  /** the same number on the other channel: the same person, their other conversation */
  otherContactId: number | null;
  otherChannel: string | null;
}

const TEXT = Sql.sql`to_tsvector('simple', m.body)`;
/** the messages searched: the person's and caseworkers' (the partial GIN index's rows), not the bot's own texts */
const WRITTEN = Sql.sql`(m.direction = 'in' OR m."staffUserId" IS NOT NULL)`;

/** The words found are put between these in a snippet: never markup, since the text is the person's (escaped when shown). */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";
const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=18, MinWords=6, MaxFragments=1`;

/**
 * Words are looked for in the newest messages first, in windows of this many ids, widened (then the whole
 * table) until a page is full: a common word matches tens of thousands of messages spread over the table,
 * and reading each of them (to find its person) is what makes a search slow, while the newest of them
 * fill the page. A person's latest match inside a window is their latest overall, so a window's full page
 * is the page the whole table gives.
 */
const WORD_WINDOWS = [50_000, 500_000];

/**
 * People whose conversation matches, latest match (or newest person) first. Words are matched with
 * PostgreSQL's full-text search ('simple': no stemming, the same for every language) on the GIN index of
 * the migration search_written_words, in what the person and caseworkers wrote; redacted messages never
 * match, and erased words (retention or erasure) are gone from the table, so they cannot be found.
 */
export async function searchConversations(
  prisma: Prisma,
  s: Search,
  searcher: Searcher,
  window: RowWindow,
  windows = WORD_WINDOWS,
): Promise<SearchHit[]> {
  if (!s.q) return searchPage(prisma, s, searcher, window);
  const [{ newest } = { newest: 0 }] = await prisma.$queryRaw<{ newest: number }[]>`
    SELECT COALESCE(max(id), 0) AS newest FROM "Message"`;
  for (const size of windows) {
    if (size >= newest) break;
    const rows = await searchPage(prisma, s, searcher, window, newest - size);
    if (rows.length === window.take) return rows;
  }
  return searchPage(prisma, s, searcher, window);
}

async function searchPage(
  prisma: Prisma,
  s: Search,
  searcher: Searcher,
  window: RowWindow,
  afterMessageId = 0,
): Promise<SearchHit[]> {
  const from = s.from ? new Date(`${s.from}T00:00:00Z`) : undefined;
  const to = s.to ? new Date(Date.parse(`${s.to}T00:00:00Z`) + 86_400_000) : undefined;
  const inPeriod = (col: Sql.Sql) =>
    Sql.join(
      [from ? Sql.sql`${col} >= ${from}` : Sql.sql`TRUE`, to ? Sql.sql`${col} < ${to}` : Sql.sql`TRUE`],
      " AND ",
    );
  const query = s.q ? Sql.sql`websearch_to_tsquery('simple', ${s.q})` : undefined;

  // the candidates: by words (the latest matching message), else every contact
  const base = query
    ? Sql.sql`(SELECT m."contactId", max(m.id) AS hit FROM "Message" m
                WHERE ${WRITTEN} AND ${TEXT} @@ ${query} AND m.id > ${afterMessageId} AND NOT m.redacted AND ${inPeriod(Sql.sql`m."createdAt"`)}
                GROUP BY m."contactId") h JOIN "Contact" ct ON ct.id = h."contactId"`
    : Sql.sql`(SELECT NULL::int AS hit) h CROSS JOIN "Contact" ct`;
  const conditions: Sql.Sql[] = [];
  if (searcher.role !== "admin") conditions.push(Sql.sql`c."escalatedAt" IS NOT NULL`);
  if (s.ref)
    conditions.push(Sql.sql`EXISTS (SELECT 1 FROM "Need" n WHERE n."contactId" = ct.id AND n.reference = ${s.ref})`);
  if (s.phone) conditions.push(Sql.sql`ct.address LIKE ${`%${s.phone}`}`);
  if (!query && (from || to))
    conditions.push(
      Sql.sql`EXISTS (SELECT 1 FROM "Message" m WHERE m."contactId" = ct.id AND ${inPeriod(Sql.sql`m."createdAt"`)})`,
    );
  const where = conditions.length ? Sql.sql`WHERE ${Sql.join(conditions, " AND ")}` : Sql.empty;

  const rows = await prisma.$queryRaw<(Omit<SearchHit, "status"> & { status: string | null })[]>`
    SELECT ct.id AS "contactId", ct.channel, ct.address, ct.language, c.status, c."escalatedAt",
           last."createdAt" AS "lastAt",
           ${query ? Sql.sql`(SELECT ts_headline('simple', body, ${query}, ${HEADLINE}) FROM "Message" WHERE id = h.hit)` : Sql.sql`NULL`} AS snippet,
           ARRAY(SELECT reference FROM "Need" WHERE "contactId" = ct.id ORDER BY id DESC) AS "references",
           (SELECT count(*)::int FROM "ConversationNote" WHERE "contactId" = ct.id) AS notes,
           other.id AS "otherContactId", other.channel AS "otherChannel"
      FROM ${base}
      LEFT JOIN "Conversation" c ON c."contactId" = ct.id
      LEFT JOIN LATERAL (SELECT "createdAt" FROM "Message" WHERE "contactId" = ct.id ORDER BY id DESC LIMIT 1) last ON TRUE
      LEFT JOIN "Contact" other
             ON other.channel = (CASE ct.channel WHEN 'sms' THEN 'whatsapp' ELSE 'sms' END) AND other.address = ct.address
      ${where}
     ORDER BY ${query ? Sql.sql`h.hit DESC` : Sql.sql`ct.id DESC`}
     OFFSET ${window.skip} LIMIT ${window.take}`;
  return rows.map((r) => ({ ...r, status: r.status === null ? null : statusSchema.parse(r.status) }));
}
