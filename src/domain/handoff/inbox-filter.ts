import { z } from "zod";
import { CHANNELS } from "../../channels/profile.ts";

export const INBOX_VIEWS = ["mine", "unassigned", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_STATUSES = ["waiting_for_person", "with_person", "closed"] as const;
export const INBOX_CHANNELS = CHANNELS;
/** The language filter's value for "the languages I work in". */
export const MY_LANGUAGES = "mine";

// a filter value the form does not offer (an old link, a typo) shows the list without that filter
const either = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

/**
 * Where a page of the inbox starts: the last row of the page before it ("after") or the first row of the
 * page after it ("before"). Rows are ordered by (urgent first, escalatedAt, contactId), so a conversation
 * that arrives meanwhile never shifts the rows of a page already linked to.
 */
export interface InboxCursor {
  urgent: boolean;
  escalatedAt: Date;
  contactId: number;
}

const cursorText = /^([01])-(\d{1,15})-(\d{1,10})$/;
export const cursorSchema = z
  .string()
  .regex(cursorText)
  .transform((s): InboxCursor => {
    const [, u, at, id] = cursorText.exec(s) ?? [];
    return { urgent: u === "1", escalatedAt: new Date(Number(at)), contactId: Number(id) };
  })
  .refine((c) => c.contactId <= 2147483647)
  .optional()
  .catch(undefined);

export const cursorOf = (c: InboxCursor) => `${c.urgent ? 1 : 0}-${c.escalatedAt.getTime()}-${c.contactId}`;

/** The inbox's view and filters, from a query string. */
export const inboxFilterSchema = z.object({
  view: z.enum(INBOX_VIEWS).catch("all"),
  language: z
    .string()
    .regex(/^([a-z]{2,3}|mine)$/)
    .optional()
    .catch(undefined),
  channel: either(INBOX_CHANNELS),
  urgency: either(["urgent", "normal"]),
  status: either(INBOX_STATUSES),
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export function parseInboxFilter(query: unknown): InboxFilter {
  return inboxFilterSchema.parse(typeof query === "object" && query ? query : {});
}

/** The view and filters back as a query string (the pager's, the tabs' and the live refresh's links keep them). */
export function inboxFilterQuery(f: InboxFilter, change: Partial<InboxFilter> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...change }))
    if (typeof v === "string" && v !== "" && !(k === "view" && v === "all")) q.set(k, v);
  return q;
}
