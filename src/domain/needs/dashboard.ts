import { z } from "zod";
import { SERVICES } from "../services.ts";
import { URGENCIES } from "./need.ts";

export const NEED_STATUSES = ["new", "reviewed", "referred", "resolved"] as const;
export const CHANNELS = ["sms", "whatsapp"] as const;

/** Groups smaller than this are shown as "<5": a count of one or two could point at a person. */
export const SMALL_GROUP = 5;

/** A count as it may be shown or exported: 1–4 become "<5" (0 stays 0: an empty group singles nobody out). */
export const shownCount = (n: number): string => (n > 0 && n < SMALL_GROUP ? `<${SMALL_GROUP}` : String(n));
export const isSuppressed = (n: number) => n > 0 && n < SMALL_GROUP;

const slug = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s)));
// a filter the page does not know (a stale link, a hand-edited address) is dropped, not an error
const optional = <T extends z.ZodType>(t: T) => t.optional().catch(undefined);

/** The dashboard's filters, from the query string; every field optional. */
const needFilterSchema = z.object({
  from: optional(day),
  to: optional(day),
  category: optional(z.enum(SERVICES)),
  urgency: optional(z.enum(URGENCIES)),
  area: optional(slug),
  language: optional(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/)),
  channel: optional(z.enum(CHANNELS)),
  status: optional(z.enum(NEED_STATUSES)),
});
export type NeedFilter = z.infer<typeof needFilterSchema>;

export function parseNeedFilter(query: unknown): NeedFilter {
  const r = needFilterSchema.safeParse(typeof query === "object" && query ? query : {});
  return r.success ? r.data : {};
}

/** The filter back as a query string (links to exports keep the page's filters). */
export function filterQuery(f: NeedFilter): string {
  const entries = Object.entries(f).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
  return new URLSearchParams(entries).toString();
}

/** A bulk action on the selected needs of the review queue. */
export const bulkActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("status"), status: z.enum(NEED_STATUSES) }),
  z.object({ action: z.literal("tag"), tag: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,30}$/, "a tag is a short word: letters, digits, - or _") }),
  z.object({ action: z.literal("category"), category: z.enum(SERVICES) }),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

