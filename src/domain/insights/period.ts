import { z } from "zod";
import { CHANNELS, calendarDay, languageCode, one } from "../needs/dashboard.ts";

const DAY_MS = 86_400_000;
/** The period the insights pages show when none is asked for: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;

/** The insights pages' filters, from the query string: a period (days, both included), a flow, a language, a channel. */
const insightsFilterSchema = z
  .object({
    from: one(calendarDay),
    to: one(calendarDay),
    flow: one(z.string().regex(/^[a-z][a-z0-9_]{0,60}$/, "not a flow id")),
    language: one(languageCode),
    channel: one(z.enum(CHANNELS, "not a channel")),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "before from" });
export type InsightsFilter = z.infer<typeof insightsFilterSchema>;

/** The period a filter covers, as instants: from the first day's midnight (UTC) to the day after the last. */
export interface Period {
  from: Date;
  /** exclusive */
  to: Date;
}

export function parseInsightsFilter(
  query: unknown,
): { ok: true; filter: InsightsFilter } | { ok: false; reason: string } {
  const r = insightsFilterSchema.safeParse(typeof query === "object" && query ? query : {});
  return r.success
    ? { ok: true, filter: r.data }
    : { ok: false, reason: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}

/** The filter's period; the days left open are the last DEFAULT_DAYS up to today. */
export function periodOf(f: InsightsFilter, now = new Date()): Period {
  const today = new Date(now.toISOString().slice(0, 10));
  const to = f.to ? new Date(new Date(f.to).getTime() + DAY_MS) : new Date(today.getTime() + DAY_MS);
  const from = f.from ? new Date(f.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  return { from, to };
}

/** A period's days as the filter form shows them (the last one included). */
export const periodDays = (p: Period) => ({
  from: p.from.toISOString().slice(0, 10),
  to: new Date(p.to.getTime() - DAY_MS).toISOString().slice(0, 10),
});
