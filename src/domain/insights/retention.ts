import type { Prisma } from "../../db/database.ts";

const DAY_MS = 86_400_000;

/**
 * Journey events of the days ending EVENT_RETENTION_DAYS ago or earlier become daily counts per point, kind,
 * language and channel, with the questions left on each day worked out now (no first reply within
 * `leftAfterSeconds`), and are deleted: the funnels keep their figures, the rows (and their link to a person)
 * go. A first reply kept after the cut to a question counted before it loses its wait, so it is not counted twice.
 */
export async function rollUpJourneys(
  prisma: Prisma,
  settings: { days: number; leftAfterSeconds: number },
  now = new Date(),
): Promise<{ before: Date; events: number }> {
  // whole days only: a day is counted once, never half rows and half counts
  const before = new Date(Math.floor((now.getTime() - settings.days * DAY_MS) / DAY_MS) * DAY_MS);
  const lateUntil = new Date(before.getTime() + settings.leftAfterSeconds * 1000);
  const x = settings.leftAfterSeconds;
  const [[rolled]] = await prisma.$transaction([
    prisma.$queryRaw<{ events: number }[]>`
      WITH old AS MATERIALIZED (
        DELETE FROM "JourneyEvent" WHERE at < ${before}
        RETURNING "nodeId", kind, at, coalesce(language, '') AS language, channel, "waitedSeconds"
      ), late AS (
        SELECT "nodeId", kind, at, coalesce(language, '') AS language, channel, "waitedSeconds" FROM "JourneyEvent"
        WHERE at >= ${before} AND at < ${lateUntil} AND "waitedSeconds" IS NOT NULL
      ), questions AS (
        SELECT at::date AS day, "nodeId", language, channel, 1 AS n FROM old WHERE kind = 'asked'
        UNION ALL
        SELECT (at - make_interval(secs => "waitedSeconds"))::date, "nodeId", language, channel, -1
        FROM (SELECT * FROM old UNION ALL SELECT * FROM late) r
        WHERE kind IN ('answered', 'retried') AND "waitedSeconds" <= ${x}
          AND at - make_interval(secs => "waitedSeconds") < ${before}
      ), counted AS (
        SELECT at::date AS day, "nodeId", kind, language, channel, count(*)::int AS n FROM old GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT day, "nodeId", 'left'::"JourneyKind", language, channel, sum(n)::int FROM questions
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) > 0
      ), kept AS (
        INSERT INTO "JourneyDaily" (day, "nodeId", kind, language, channel, count)
        SELECT * FROM counted
        ON CONFLICT (day, "nodeId", kind, language, channel) DO UPDATE SET count = "JourneyDaily".count + EXCLUDED.count
      )
      SELECT count(*)::int AS events FROM old`,
    prisma.$executeRaw`
      UPDATE "JourneyEvent" SET "waitedSeconds" = NULL
      WHERE at >= ${before} AND at < ${lateUntil} AND at - make_interval(secs => "waitedSeconds") < ${before}`,
  ]);
  return { before, events: rolled?.events ?? 0 };
}
