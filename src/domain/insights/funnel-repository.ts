import type { Prisma } from "../../db/database.ts";
import type { InsightsFilter, Period } from "./period.ts";

/** One point of a flow over a period: a node (outcome "") or an action's outcome at it. */
export interface FunnelPoint {
  node: string;
  outcome: string;
  /** times people reached the node (a question put counts), or took this outcome */
  reached: number;
  answered: number;
  /** replies the question did not understand */
  retried: number;
  handoff: number;
  /** questions with no reply within the left-after time (silence, or a keyword that led elsewhere) */
  left: number;
}

/**
 * The funnel of one flow over a period, by language and channel when asked: the journey events still kept, and
 * the daily counts of those retention rolled up. `left` counts the questions put in the period, at least
 * `leftAfterSeconds` ago, that got no first reply within that time; a question still waiting is not left yet.
 */
export async function funnel(
  prisma: Prisma,
  flow: string,
  f: Pick<InsightsFilter, "language" | "channel">,
  period: Period,
  leftAfterSeconds: number,
  now = new Date(),
): Promise<FunnelPoint[]> {
  const language = f.language ?? null;
  const channel = f.channel ?? null;
  const settled = new Date(Math.min(period.to.getTime(), now.getTime() - leftAfterSeconds * 1000));
  // late first replies to questions put near the period's end are read too
  const lateUntil = new Date(period.to.getTime() + leftAfterSeconds * 1000);
  return prisma.$queryRaw<FunnelPoint[]>`
    WITH e AS (
      SELECT e."nodeId", e.kind, e.at, e."waitedSeconds",
        e.at >= ${period.from} AND e.at < ${period.to} AS within,
        e.at - make_interval(secs => coalesce(e."waitedSeconds", 0)) AS put
      FROM "JourneyEvent" e JOIN "JourneyNode" n ON n.id = e."nodeId"
      WHERE n.flow = ${flow} AND e.at >= ${period.from} AND e.at < ${lateUntil}
        AND (${language}::text IS NULL OR e.language = ${language})
        AND (${channel}::text IS NULL OR e.channel = ${channel})
    ), kept AS (
      SELECT "nodeId",
        count(*) FILTER (WHERE within AND kind IN ('reached', 'asked', 'outcome'))::int AS reached,
        count(*) FILTER (WHERE within AND kind = 'answered')::int AS answered,
        count(*) FILTER (WHERE within AND kind = 'retried')::int AS retried,
        count(*) FILTER (WHERE within AND kind = 'handoff')::int AS handoff,
        (count(*) FILTER (WHERE kind = 'asked' AND within AND at < ${settled})
          - count(*) FILTER (WHERE kind IN ('answered', 'retried') AND "waitedSeconds" <= ${leftAfterSeconds}
              AND put >= ${period.from} AND put < ${settled}))::int AS left
      FROM e GROUP BY "nodeId"
    ), rolled AS (
      SELECT d."nodeId",
        coalesce(sum(count) FILTER (WHERE kind IN ('reached', 'asked', 'outcome')), 0)::int AS reached,
        coalesce(sum(count) FILTER (WHERE kind = 'answered'), 0)::int AS answered,
        coalesce(sum(count) FILTER (WHERE kind = 'retried'), 0)::int AS retried,
        coalesce(sum(count) FILTER (WHERE kind = 'handoff'), 0)::int AS handoff,
        coalesce(sum(count) FILTER (WHERE kind = 'left'), 0)::int AS left
      FROM "JourneyDaily" d JOIN "JourneyNode" n ON n.id = d."nodeId"
      WHERE n.flow = ${flow} AND d.day >= ${period.from}::date AND d.day < ${period.to}::date
        AND (${language}::text IS NULL OR d.language = ${language})
        AND (${channel}::text IS NULL OR d.channel = ${channel})
      GROUP BY d."nodeId"
    )
    SELECT n.node, n.outcome, sum(x.reached)::int AS reached, sum(x.answered)::int AS answered,
      sum(x.retried)::int AS retried, sum(x.handoff)::int AS handoff, greatest(sum(x.left), 0)::int AS left
    FROM (SELECT * FROM kept UNION ALL SELECT * FROM rolled) x JOIN "JourneyNode" n ON n.id = x."nodeId"
    GROUP BY n.node, n.outcome`;
}

/** The flows with journey events kept or counted, for the page's flow list. */
export async function flowsSeen(prisma: Prisma): Promise<string[]> {
  const rows = await prisma.journeyNode.findMany({
    distinct: ["flow"],
    select: { flow: true },
    orderBy: { flow: "asc" },
  });
  return rows.map((r) => r.flow);
}
