import type { Prisma } from "../../db/database.ts";
import type { Period } from "../needs/dashboard.ts";
import { HANDOFF_JOURNEY } from "./actions.ts";

const DAY_MS = 86_400_000;
/** The newest answers of "what was missing" the page lists. */
export const MISSING_SHOWN = 100;

/** How often "Did this help?" was asked about one journey (or caseworker), and answered yes or no. */
export interface Tally {
  key: string;
  asked: number;
  yes: number;
  no: number;
}

const askedWithin = (p: Period) => ({
  askedAt: {
    ...(p.from ? { gte: new Date(`${p.from}T00:00:00Z`) } : {}),
    ...(p.to ? { lt: new Date(new Date(`${p.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
  },
});

/** Rows of (key, helped, count) summed into one tally per key, most asked first. */
function tallies(rows: { key: string; helped: boolean | null; n: number }[]): Tally[] {
  const by = new Map<string, Tally>();
  for (const { key, helped, n } of rows) {
    const t = by.get(key) ?? { key, asked: 0, yes: 0, no: 0 };
    t.asked += n;
    if (helped === true) t.yes += n;
    if (helped === false) t.no += n;
    by.set(key, t);
  }
  return [...by.values()].sort((a, b) => b.asked - a.asked || a.key.localeCompare(b.key));
}

/**
 * The answers per journey and, for handoffs, per caseworker (by their email; "" where none wrote to the person),
 * over the period.
 */
export async function helpfulnessTallies(prisma: Prisma, period: Period) {
  const where = askedWithin(period);
  const [journeys, caseworkers] = await Promise.all([
    prisma.helpfulness.groupBy({ by: ["journey", "helped"], where, _count: { _all: true } }),
    prisma.helpfulness.groupBy({
      by: ["caseworkerId", "helped"],
      where: { ...where, journey: HANDOFF_JOURNEY },
      _count: { _all: true },
    }),
  ]);
  const ids = [...new Set(caseworkers.flatMap((c) => (c.caseworkerId === null ? [] : [c.caseworkerId])))];
  const staff = await prisma.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = new Map(staff.map((s) => [s.id, s.email]));
  return {
    byJourney: tallies(journeys.map((j) => ({ key: j.journey, helped: j.helped, n: j._count._all }))),
    byCaseworker: tallies(
      caseworkers.map((c) => ({
        key: c.caseworkerId === null ? "" : (email.get(c.caseworkerId) ?? ""),
        helped: c.helped,
        n: c._count._all,
      })),
    ),
  };
}

/** What people said was missing after "no", newest first, with the journey and the caseworker it was about. */
export function missingWords(prisma: Prisma, period: Period) {
  return prisma.helpfulness.findMany({
    where: { ...askedWithin(period), helped: false, missing: { not: null } },
    orderBy: { askedAt: "desc" },
    take: MISSING_SHOWN,
    select: {
      id: true,
      journey: true,
      language: true,
      askedAt: true,
      missing: true,
      caseworker: { select: { email: true } },
    },
  });
}
export type MissingRow = Awaited<ReturnType<typeof missingWords>>[number];
