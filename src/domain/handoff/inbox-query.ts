import type { Prisma } from "../../db/database.ts";
import { Prisma as Sql } from "../../db/generated/client.ts";
import type { Channel } from "../../channels/profile.ts";
import { channelSchema } from "../stored-values.ts";
import type { InboxCursor, InboxFilter } from "./inbox-filter.ts";
import { PERSON_ANSWERS, type Status, statusSchema } from "./state.ts";

/** Who reads the inbox: "mine", "my languages" and the unread markers are theirs. */
export interface InboxReader {
  id: number;
  languages: string[];
}

export interface InboxRow {
  contactId: number;
  status: Status;
  urgent: boolean;
  reason: string | null;
  escalatedAt: Date;
  assigneeId: number | null;
  assigneeEmail: string | null;
  channel: Channel;
  address: string;
  language: string | null;
  /** the latest message, as the transcript would show it (see `preview` in src/staff/inbox-list.ts) */
  last: {
    direction: string;
    body: string;
    redacted: boolean;
    personal: boolean;
    media: number;
    at: Date;
  } | null;
  /** the person wrote after this reader last opened the conversation (or they never opened it) */
  unread: boolean;
}

function where(f: InboxFilter, reader: InboxReader): Sql.Sql {
  // escalatedAt is set by every hand-over to staff and never cleared: only those are inbox rows
  const parts: Sql.Sql[] = [Sql.sql`c."escalatedAt" IS NOT NULL`];
  parts.push(f.status ? Sql.sql`c.status = ${f.status}` : Sql.sql`c.status = ANY(${[...PERSON_ANSWERS]}::text[])`);
  if (f.view === "mine") parts.push(Sql.sql`c."assigneeId" = ${reader.id}`);
  if (f.view === "unassigned") parts.push(Sql.sql`c."assigneeId" IS NULL`);
  if (f.urgency) parts.push(Sql.sql`c.urgent = ${f.urgency === "urgent"}`);
  if (f.channel) parts.push(Sql.sql`ct.channel = ${f.channel}`);
  if (f.language === "mine") parts.push(Sql.sql`ct.language = ANY(${reader.languages}::text[])`);
  else if (f.language) parts.push(Sql.sql`ct.language = ${f.language}`);
  return Sql.join(parts, " AND ");
}

/**
 * Rows strictly after (or before) a cursor in the inbox's order: urgent first, then who has waited
 * longest, then by contact. Written as the order's expansion because urgent sorts descending.
 */
function beyond(c: InboxCursor, direction: "after" | "before"): Sql.Sql {
  const [cmp, urgentFirst] = direction === "after" ? [Sql.sql`>`, Sql.sql`<`] : [Sql.sql`<`, Sql.sql`>`];
  return Sql.sql`(c.urgent ${urgentFirst} ${c.urgent} OR (c.urgent = ${c.urgent}
    AND (c."escalatedAt", c."contactId") ${cmp} (${c.escalatedAt}::timestamp, ${c.contactId})))`;
}

interface RawRow extends Omit<InboxRow, "last" | "status" | "channel"> {
  status: string;
  channel: string;
  lastDirection: string | null;
  lastBody: string | null;
  lastRedacted: boolean | null;
  lastPersonal: boolean | null;
  lastMedia: number | null;
  lastAt: Date | null;
}

/**
 * One page of the inbox (`size` rows, plus one to tell whether more follow) after or before a cursor,
 * in the inbox's order. The latest message and the unread marker come from the (contactId, id) index:
 * a few index reads per row, however long the conversations are.
 */
export async function inboxPage(
  prisma: Prisma,
  f: InboxFilter,
  reader: InboxReader,
  page: { size: number; after?: InboxCursor; before?: InboxCursor },
): Promise<InboxRow[]> {
  const backwards = !page.after && page.before !== undefined;
  const bound = page.after ? beyond(page.after, "after") : page.before ? beyond(page.before, "before") : Sql.sql`TRUE`;
  const order = backwards
    ? Sql.sql`c.urgent ASC, c."escalatedAt" DESC, c."contactId" DESC`
    : Sql.sql`c.urgent DESC, c."escalatedAt" ASC, c."contactId" ASC`;
  const rows = await prisma.$queryRaw<RawRow[]>`
    SELECT c."contactId", c.status, c.urgent, c.reason, c."escalatedAt", c."assigneeId", s.email AS "assigneeEmail",
           ct.channel, ct.address, ct.language,
           m.direction AS "lastDirection", m.body AS "lastBody", m.redacted AS "lastRedacted",
           m.personal AS "lastPersonal", jsonb_array_length(m.media)::int AS "lastMedia", m."createdAt" AS "lastAt",
           EXISTS (SELECT 1 FROM "Message" u WHERE u."contactId" = c."contactId" AND u.direction = 'in'
                     AND u.id > COALESCE(r."lastMessageId", 0)) AS unread
      FROM "Conversation" c
      JOIN "Contact" ct ON ct.id = c."contactId"
      LEFT JOIN "StaffUser" s ON s.id = c."assigneeId"
      LEFT JOIN "StaffReadMark" r ON r."contactId" = c."contactId" AND r."staffUserId" = ${reader.id}
      LEFT JOIN LATERAL (SELECT direction, body, redacted, personal, media, "createdAt" FROM "Message"
                          WHERE "contactId" = c."contactId" ORDER BY id DESC LIMIT 1) m ON TRUE
     WHERE ${where(f, reader)} AND ${bound}
     ORDER BY ${order}
     LIMIT ${page.size + 1}`;
  const shaped = rows.map(
    ({ lastDirection, lastBody, lastRedacted, lastPersonal, lastMedia, lastAt, status, channel, ...r }): InboxRow => ({
      ...r,
      status: statusSchema.parse(status),
      channel: channelSchema.parse(channel),
      last:
        lastDirection === null
          ? null
          : {
              direction: lastDirection,
              body: lastBody ?? "",
              redacted: lastRedacted ?? false,
              personal: lastPersonal ?? false,
              media: lastMedia ?? 0,
              at: lastAt ?? r.escalatedAt,
            },
    }),
  );
  // read backwards to find the page before a cursor; shown in the inbox's order
  return backwards ? shaped.reverse() : shaped;
}

/** How many conversations the view and filters hold (the pager says "of N"). */
export async function inboxTotal(prisma: Prisma, f: InboxFilter, reader: InboxReader): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Conversation" c JOIN "Contact" ct ON ct.id = c."contactId"
     WHERE ${where(f, reader)}`;
  return row?.n ?? 0;
}

/** The reader has seen the conversation up to its latest message (opening it or its live refresh). */
export async function markRead(prisma: Prisma, staffUserId: number, contactId: number): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "StaffReadMark" ("staffUserId", "contactId", "lastMessageId")
    SELECT ${staffUserId}, ${contactId}, max(id) FROM "Message" WHERE "contactId" = ${contactId} HAVING max(id) IS NOT NULL
    ON CONFLICT ("staffUserId", "contactId") DO UPDATE SET "lastMessageId" = GREATEST("StaffReadMark"."lastMessageId", EXCLUDED."lastMessageId")`;
}
