import type { Tx } from "../db/database.ts";
import { Prisma as Sql } from "../db/generated/client.ts";
import { jsonRows } from "../db/json-rows.ts";
import { REDACTED, type TurnPlan, transcriptText } from "./plan.ts";

/**
 * Write these plans in the caller's transaction, in one statement however many there are: the replies (a
 * transcript row and an outbox row each; a farewell an outbox row alone), the person's message marked answered,
 * the sessions, the contacts' changes, where the people went (journey events). Each part is a data-modifying
 * `WITH` over its rows as one JSON parameter (src/db/json-rows.ts): one round trip a batch. The parts touch
 * different rows, as they must: they all see the statement's snapshot, not each other's writes. The caller holds
 * each contact's row lock; a contact has at most one plan in a call, so no plan reads what another has still to
 * write.
 */
export async function applyPlans(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  if (plans.length === 0) return;
  await tx.$executeRaw`
    WITH ${replies(plans)}, ${answered(plans)}, ${sessions(plans)}, ${contacts(plans)}, ${journeys(plans)}
    SELECT 1`;
}

// the outbox rows take ids in the replies' order: the sender keeps one person's replies in that order
function replies(plans: readonly TurnPlan[]): Sql.Sql {
  let ord = 0;
  const rows = plans.flatMap(({ contactId, send }) =>
    send
      ? send.replies.map((x) => ({
          ord: ord++,
          contact_id: contactId,
          farewell: send.farewell === true,
          in_reply_to: send.inReplyToId,
          channel: send.route.channel,
          to_address: send.route.to,
          from_address: send.route.from,
          text: x.text,
          transcript: transcriptText(x.text, x.redact),
          redact: x.redact,
          interactive: x.interactive,
          staff_user_id: x.staffUserId,
          content_sid: x.contentSid,
        }))
      : [],
  );
  return Sql.sql`
    reply AS MATERIALIZED (
      SELECT CASE WHEN t.farewell THEN NULL ELSE nextval(pg_get_serial_sequence('"Message"', 'id'))::int END AS id, t.*
      FROM json_to_recordset(${jsonRows(rows)}::json) AS t(ord int, contact_id int, farewell boolean, in_reply_to int,
        channel text, to_address text, from_address text, text text, transcript text, redact boolean,
        interactive jsonb, staff_user_id int, content_sid text)
      ORDER BY t.ord
    ), reply_transcript AS (
      INSERT INTO "Message" (id, "contactId", direction, body, redacted, "ourAddress", "processedAt", "inReplyToId", "staffUserId")
      SELECT id, contact_id, 'out', transcript, redact, from_address, CURRENT_TIMESTAMP, in_reply_to, staff_user_id
      FROM reply WHERE id IS NOT NULL
    ), reply_outbox AS (
      INSERT INTO "Outbox" ("contactId", "messageId", channel, "toAddress", "fromAddress", body, interactive, "contentSid", "updatedAt")
      SELECT CASE WHEN farewell THEN NULL ELSE contact_id END, id, channel, to_address, from_address, text, interactive,
        content_sid, CURRENT_TIMESTAMP
      FROM reply ORDER BY ord
    )`;
}

/** The person's message marked answered: its text stays where it is, or becomes [redacted] (transcriptText's rule) */
function answered(plans: readonly TurnPlan[]): Sql.Sql {
  const rows = plans.flatMap(({ answered: a }) =>
    a
      ? [
          {
            id: a.messageId,
            redact: a.redact,
            personal: a.personal,
            failure: a.failure?.reason,
            counted: a.failure?.counted === true,
          },
        ]
      : [],
  );
  return Sql.sql`
    answered AS (
      UPDATE "Message" m SET "processedAt" = CURRENT_TIMESTAMP,
        body = CASE WHEN v.redact THEN ${REDACTED} ELSE m.body END, redacted = m.redacted OR v.redact,
        personal = m.personal OR v.personal, failure = COALESCE(v.failure, m.failure),
        "failedAttempts" = m."failedAttempts" + CASE WHEN v.counted THEN 1 ELSE 0 END
      FROM json_to_recordset(${jsonRows(rows)}::json) AS v(id int, redact boolean, personal boolean, failure text, counted boolean)
      WHERE m.id = v.id
    )`;
}

function sessions(plans: readonly TurnPlan[]): Sql.Sql {
  const rows = plans.flatMap((p) => (p.session ? [{ id: p.contactId, state: p.session }] : []));
  return Sql.sql`
    session AS (
      INSERT INTO "Session" ("contactId", state, "updatedAt")
      SELECT id, state, CURRENT_TIMESTAMP FROM json_to_recordset(${jsonRows(rows)}::json) AS v(id int, state jsonb)
      ON CONFLICT ("contactId") DO UPDATE SET state = EXCLUDED.state, "updatedAt" = EXCLUDED."updatedAt"
    )`;
}

function contacts(plans: readonly TurnPlan[]): Sql.Sql {
  const rows = plans.flatMap((p) =>
    p.contact && Object.keys(p.contact).length > 0
      ? [
          {
            id: p.contactId,
            language: p.contact.language,
            opted_out: p.contact.optedOut,
            notice_version: p.contact.noticeVersion,
            updates: p.contact.updatesConsent,
          },
        ]
      : [],
  );
  return Sql.sql`
    contact AS (
      UPDATE "Contact" c SET language = COALESCE(v.language, c.language),
        "optedOut" = COALESCE(v.opted_out, c."optedOut"),
        "noticeVersion" = COALESCE(v.notice_version, c."noticeVersion"),
        "noticeSeenAt" = CASE WHEN v.notice_version IS NULL THEN c."noticeSeenAt" ELSE CURRENT_TIMESTAMP END,
        "updatesConsent" = COALESCE(v.updates, c."updatesConsent"),
        "updatesConsentAt" = CASE WHEN v.updates IS NULL THEN c."updatesConsentAt" ELSE CURRENT_TIMESTAMP END
      FROM json_to_recordset(${jsonRows(rows)}::json)
        AS v(id int, language text, opted_out boolean, notice_version int, updates boolean)
      WHERE c.id = v.id
    )`;
}

/**
 * The turns' journey events, each naming its flow point by number: a point seen for the first time is added
 * (DO UPDATE returns it also when another process adds it at the same moment; known points are not touched).
 */
function journeys(plans: readonly TurnPlan[]): Sql.Sql {
  let ord = 0;
  const rows = plans.flatMap(({ contactId, journey }) =>
    journey
      ? journey.events.map((e) => ({
          ord: ord++,
          contact_id: contactId,
          flow: e.flow,
          node: e.node,
          outcome: e.outcome ?? "",
          kind: e.kind,
          language: journey.language,
          channel: journey.channel,
          waited: e.waitedMs === undefined ? undefined : Math.round(e.waitedMs / 1000),
        }))
      : [],
  );
  return Sql.sql`
    journey AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${jsonRows(rows)}::json) AS v(ord int, contact_id int, flow text, node text,
        outcome text, kind text, language text, channel text, waited int)
    ), journey_point AS (SELECT DISTINCT flow, node, outcome FROM journey), journey_point_added AS (
      INSERT INTO "JourneyNode" (flow, node, outcome)
      SELECT * FROM journey_point p
      WHERE NOT EXISTS (SELECT 1 FROM "JourneyNode" n WHERE (n.flow, n.node, n.outcome) = (p.flow, p.node, p.outcome))
      ON CONFLICT (flow, node, outcome) DO UPDATE SET outcome = EXCLUDED.outcome
      RETURNING id, flow, node, outcome
    ), journey_node AS (
      SELECT n.id, n.flow, n.node, n.outcome FROM "JourneyNode" n JOIN journey_point USING (flow, node, outcome)
      UNION ALL SELECT * FROM journey_point_added
    ), journey_event AS (
      INSERT INTO "JourneyEvent" ("contactId", "nodeId", kind, language, channel, "waitedSeconds")
      SELECT j.contact_id, n.id, j.kind::"JourneyKind", j.language, j.channel, j.waited
      FROM journey j JOIN journey_node n USING (flow, node, outcome) ORDER BY j.ord
    )`;
}
