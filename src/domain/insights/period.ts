import { z } from "zod";
import { CHANNELS, inOrder, languageCode, one, outOfOrder, parseFilter, period } from "../needs/dashboard.ts";

const DAY_MS = 86_400_000;
/** The period the insights pages show when none is asked for: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;

/** The insights pages' filters, from the query string: a period (days, both included), a flow, a language, a channel. */
const insightsFilterSchema = z
  .object({
    ...period,
    flow: one(z.string().regex(/^[a-z][a-z0-9_]{0,60}$/, "not a flow id")),
    language: one(languageCode),
    channel: one(z.enum(CHANNELS, "not a channel")),
  })
  .refine(inOrder, outOfOrder);
export type InsightsFilter = z.infer<typeof insightsFilterSchema>;

/** The period a filter covers, as instants: from the first day's midnight (UTC) to the day after the last. */
export interface Period {
  from: Date;
  /** exclusive */
  to: Date;
}

export const parseInsightsFilter = (query: unknown) => parseFilter(insightsFilterSchema, query);

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
