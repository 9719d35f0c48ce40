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

const slug = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, "not an area id");
/** A real day of the calendar: 2026-02-30 or a year 0 (which PostgreSQL refuses) is not one. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getUTCFullYear() >= 1970;
  }, "not a day of the calendar from 1970 on");
// one value per filter; an empty one (the form's "all") is no filter
export const one = <T extends z.ZodType<unknown, string>>(t: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string("one value, not several").pipe(t).optional());

/** A period of whole days, either end open (`to` not before `from`): the first of the dashboard's filters. */
export const period = { from: one(calendarDay), to: one(calendarDay) };
export const inOrder = (p: { from?: string; to?: string }) => !p.from || !p.to || p.from <= p.to;
export const outOfOrder = { path: ["to"], message: "before from" };
export const periodSchema = z.object(period).refine(inOrder, outOfOrder);
export type Period = z.infer<typeof periodSchema>;
export const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "not a language code");

/** The dashboard's filters, from the query string; every field optional, none silently dropped. */
const needFilterSchema = z
  .object({
    ...period,
    category: one(z.enum(SERVICES, "not a category")),
    urgency: one(z.enum(URGENCIES, "not an urgency")),
    area: one(slug),
    language: one(languageCode),
    channel: one(z.enum(CHANNELS, "not a channel")),
    status: one(z.enum(NEED_STATUSES, "not a status")),
  })
  .refine(inOrder, outOfOrder);
export type NeedFilter = z.infer<typeof needFilterSchema>;

/**
 * A page's filters from its query string, or why they are refused: a filter that was ignored would make a
 * "filtered" page or export show everything.
 */
export function parseFilter<S extends z.ZodType>(
  schema: S,
  query: unknown,
): { ok: true; filter: z.output<S> } | { ok: false; reason: string } {
  const r = schema.safeParse(typeof query === "object" && query ? query : {});
  return r.success
    ? { ok: true, filter: r.data }
    : { ok: false, reason: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}

export const parseNeedFilter = (query: unknown) => parseFilter(needFilterSchema, query);

/** The filter back as a query string (links to exports keep the page's filters). */
export function filterQuery(f: NeedFilter): string {
  const entries = Object.entries(f).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
  return new URLSearchParams(entries).toString();
}

/** A bulk action on the selected needs of the review queue. */
export const bulkActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("status"), status: z.enum(NEED_STATUSES) }),
  z.object({
    action: z.literal("tag"),
    tag: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{0,30}$/, "a tag is a short word: letters, digits, - or _"),
  }),
  z.object({ action: z.literal("category"), category: z.enum(SERVICES) }),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;
