import type { Prisma } from "../../db/database.ts";
import { Prisma as Sql } from "../../db/generated/client.ts";
import type { OfficeHours } from "../handoff/office-hours.ts";
import type { InsightsFilter, Period } from "./period.ts";

import type { Count } from "../needs/dashboard-repository.ts";

export type { Count };

/** Seconds to a caseworker's first reply or to the close, as medians and 90th percentiles. */
export interface Wait {
  key: string;
  n: number;
  p50: number;
  p90: number;
}

export interface HandoffFigures {
  /** people who wrote in the period */
  people: number;
  /** conversations handed to staff in the period */
  handedOver: number;
  /** of those, handed over outside OFFICE_HOURS (undefined without them) */
  outOfHours: number | undefined;
  /** to a caseworker's first reply, by urgency ("urgent", "normal") and by language */
  firstReplyByUrgency: Wait[];
  firstReplyByLanguage: Wait[];
  /** from handover to close, of those closed */
  toClose: Wait | undefined;
  /** conversations handed over in the period, by the caseworker they are assigned to ("" for none) */
  perCaseworker: Count[];
}

type Filter = Pick<InsightsFilter, "language" | "channel">;
const NONE = null as string | null;

/**
 * Case lookups by outcome (found, not found, locked...): the outcomes of the flows' check_case nodes in the
 * journey events and their daily counts; the lookup attempts themselves are kept only 25 hours.
 */
export async function caseLookups(
  prisma: Prisma,
  points: { flow: string; node: string }[],
  f: Filter,
  p: Period,
): Promise<Count[]> {
  if (points.length === 0) return [];
  const language = f.language ?? NONE;
  const channel = f.channel ?? NONE;
  return prisma.$queryRaw<Count[]>`
    WITH n AS (
      SELECT id, outcome FROM "JourneyNode"
      WHERE outcome <> '' AND (flow, node) IN (SELECT * FROM unnest(${points.map((x) => x.flow)}::text[], ${points.map((x) => x.node)}::text[]))
    )
    SELECT outcome AS key, sum(c)::int AS n FROM (
      SELECT n.outcome, count(*) AS c FROM "JourneyEvent" e JOIN n ON n.id = e."nodeId"
      WHERE e.at >= ${p.from} AND e.at < ${p.to}
        AND (${language}::text IS NULL OR e.language = ${language}) AND (${channel}::text IS NULL OR e.channel = ${channel})
      GROUP BY n.outcome
      UNION ALL
      SELECT n.outcome, sum(d.count) FROM "JourneyDaily" d JOIN n ON n.id = d."nodeId"
      WHERE d.day >= ${p.from}::date AND d.day < ${p.to}::date
        AND (${language}::text IS NULL OR d.language = ${language}) AND (${channel}::text IS NULL OR d.channel = ${channel})
      GROUP BY n.outcome
    ) x GROUP BY outcome ORDER BY n DESC, key`;
}

/** Referrals made in the period by where they stand now (the person's language and channel when filtered). */
export function referralsByStatus(prisma: Prisma, f: Filter, p: Period): Promise<Count[]> {
  const language = f.language ?? NONE;
  const channel = f.channel ?? NONE;
  return prisma.$queryRaw<Count[]>`
    SELECT r.status AS key, count(*)::int AS n FROM "Referral" r LEFT JOIN "Contact" c ON c.id = r."contactId"
    WHERE r."createdAt" >= ${p.from} AND r."createdAt" < ${p.to}
      AND (${language}::text IS NULL OR c.language = ${language}) AND (${channel}::text IS NULL OR c.channel = ${channel})
    GROUP BY r.status`;
}

/**
 * Of the referrals made in the period (same filter), those a partner's own account moved to `received`: the
 * partner confirmed the service itself rather than telling our staff (who moved it is in the audit log).
 */
export async function referralsReceivedByPartner(prisma: Prisma, f: Filter, p: Period): Promise<number> {
  const language = f.language ?? NONE;
  const channel = f.channel ?? NONE;
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Referral" r LEFT JOIN "Contact" c ON c.id = r."contactId"
    WHERE r."createdAt" >= ${p.from} AND r."createdAt" < ${p.to}
      AND (${language}::text IS NULL OR c.language = ${language}) AND (${channel}::text IS NULL OR c.channel = ${channel})
      AND EXISTS (
        SELECT 1 FROM "AuditLog" a JOIN "StaffUser" s ON s.id = a."staffUserId"
        WHERE a.action = 'referral_status' AND a.detail->>'to' = 'received'
          AND a.detail->>'referral' = r.id::text AND s.role = 'partner'
      )`;
  return row?.n ?? 0;
}

/** Needs reported in the period by status. */
export function needsByStatus(prisma: Prisma, f: Filter, p: Period): Promise<Count[]> {
  const language = f.language ?? NONE;
  const channel = f.channel ?? NONE;
  return prisma.$queryRaw<Count[]>`
    SELECT status AS key, count(*)::int AS n FROM "Need"
    WHERE "createdAt" >= ${p.from} AND "createdAt" < ${p.to}
      AND (${language}::text IS NULL OR language = ${language}) AND (${channel}::text IS NULL OR channel = ${channel})
    GROUP BY status`;
}

/** The handovers to staff of the period: how many, how soon a caseworker answered, how long to close, by whom. */
export async function handoffFigures(
  prisma: Prisma,
  f: Filter,
  p: Period,
  hours: OfficeHours | undefined,
): Promise<HandoffFigures> {
  const language = f.language ?? NONE;
  const channel = f.channel ?? NONE;
  const conversations = prisma.$queryRaw<(Wait & { by: string })[]>`
    WITH c AS MATERIALIZED (
      SELECT c."contactId", c.urgent, c.status, c."escalatedAt", c."updatedAt", coalesce(k.language, '') AS language,
        (SELECT min(m."createdAt") FROM "Message" m WHERE m."contactId" = c."contactId" AND m.direction = 'out'
          AND m."staffUserId" IS NOT NULL AND m."createdAt" >= c."escalatedAt") AS replied
      FROM "Conversation" c JOIN "Contact" k ON k.id = c."contactId"
      WHERE c."escalatedAt" >= ${p.from} AND c."escalatedAt" < ${p.to}
        AND (${language}::text IS NULL OR k.language = ${language}) AND (${channel}::text IS NULL OR k.channel = ${channel})
    ), w AS (SELECT *, extract(epoch FROM replied - "escalatedAt") AS s FROM c WHERE replied IS NOT NULL)
    SELECT 'urgency' AS by, CASE WHEN urgent THEN 'urgent' ELSE 'normal' END AS key, count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90
    FROM w GROUP BY urgent
    UNION ALL
    SELECT 'language', language, count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY s),
      percentile_cont(0.9) WITHIN GROUP (ORDER BY s)
    FROM w GROUP BY language
    UNION ALL
    SELECT 'close', '', count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY s),
      percentile_cont(0.9) WITHIN GROUP (ORDER BY s)
    FROM (SELECT extract(epoch FROM "updatedAt" - "escalatedAt") AS s FROM c WHERE status = 'closed') x
    HAVING count(*) > 0`;
  // unfiltered, the people who wrote are read off the inbound messages' index alone; filtered, the people of that
  // language or channel are picked first (one hash), not looked up message by message
  const ofPeople =
    language === null && channel === null
      ? Sql.empty
      : Sql.sql`AND m."contactId" IN (SELECT id FROM "Contact" k
          WHERE (${language}::text IS NULL OR k.language = ${language}) AND (${channel}::text IS NULL OR k.channel = ${channel}))`;
  // isOpen's rule (office-hours.ts) in SQL: the handover's weekday (0 = Monday) and minute of the day in the zone
  const totals = prisma.$queryRaw<{ people: number; handedOver: number; outOfHours: number | null }[]>`
    WITH h AS (
      SELECT c."escalatedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${hours?.timeZone ?? "UTC"} AS local
      FROM "Conversation" c JOIN "Contact" k ON k.id = c."contactId"
      WHERE c."escalatedAt" >= ${p.from} AND c."escalatedAt" < ${p.to}
        AND (${language}::text IS NULL OR k.language = ${language}) AND (${channel}::text IS NULL OR k.channel = ${channel})
    )
    SELECT
      (SELECT count(DISTINCT m."contactId") FROM "Message" m
        WHERE m.direction = 'in' AND m."createdAt" >= ${p.from} AND m."createdAt" < ${p.to}
          ${ofPeople}
      )::int AS "people",
      (SELECT count(*) FROM h)::int AS "handedOver",
      CASE WHEN ${hours !== undefined} THEN (SELECT count(*) FROM h WHERE NOT (
        extract(isodow FROM local)::int - 1 = ANY(${hours?.days ?? []}::int[])
        AND extract(hour FROM local) * 60 + extract(minute FROM local) >= ${hours?.start ?? 0}
        AND extract(hour FROM local) * 60 + extract(minute FROM local) < ${hours?.end ?? 0}))::int END AS "outOfHours"`;
  const assigned = prisma.$queryRaw<Count[]>`
    SELECT coalesce(u.email, '') AS key, count(*)::int AS n
    FROM "Conversation" c JOIN "Contact" k ON k.id = c."contactId" LEFT JOIN "StaffUser" u ON u.id = c."assigneeId"
    WHERE c."escalatedAt" >= ${p.from} AND c."escalatedAt" < ${p.to}
      AND (${language}::text IS NULL OR k.language = ${language}) AND (${channel}::text IS NULL OR k.channel = ${channel})
    GROUP BY 1 ORDER BY 2 DESC, 1`;
  const [waits, [total], perCaseworker] = await Promise.all([conversations, totals, assigned]);
  const of = (by: string) => waits.filter((w) => w.by === by).map(({ by: _by, ...w }) => w);
  return {
    people: total?.people ?? 0,
    handedOver: total?.handedOver ?? 0,
    outOfHours: total?.outOfHours ?? undefined,
    firstReplyByUrgency: of("urgency"),
    firstReplyByLanguage: of("language"),
    toClose: of("close")[0],
    perCaseworker,
  };
}
