import type { Tx } from "../db/database.ts";
import { REDACTED, type TurnPlan, transcriptText } from "./plan.ts";

/**
 * Write these plans in the caller's transaction, a few multi-row statements however many there are: the
 * replies (a transcript row and an outbox row each; a farewell an outbox row alone), the person's message
 * marked answered, the sessions, the contacts' changes, where the people went (journey events). The caller holds each contact's row lock; a contact
 * has at most one plan in a call, so no plan reads what another has still to write.
 */
export async function applyPlans(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  await insertReplies(tx, plans);
  await markAnswered(tx, plans);
  await saveSessions(tx, plans);
  await changeContacts(tx, plans);
  await insertJourneys(tx, plans);
}

async function insertReplies(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  const rows = plans.flatMap(({ contactId, send }) =>
    send ? send.replies.map((reply) => ({ ...reply, contactId, send })) : [],
  );
  if (rows.length === 0) return;
  const r = <T>(f: (x: (typeof rows)[number]) => T) => rows.map(f);
  // the outbox rows take ids in the replies' order: the sender keeps one person's replies in that order
  await tx.$executeRaw`
    WITH r AS MATERIALIZED (
      SELECT CASE WHEN t.farewell THEN NULL ELSE nextval(pg_get_serial_sequence('"Message"', 'id'))::int END AS id, t.*
      FROM unnest(${r((x) => x.contactId)}::int[], ${r((x) => x.send.farewell === true)}::boolean[],
        ${r((x) => x.send.inReplyToId ?? null)}::int[], ${r((x) => x.send.route.channel)}::text[],
        ${r((x) => x.send.route.to)}::text[], ${r((x) => x.send.route.from)}::text[], ${r((x) => x.text)}::text[],
        ${r((x) => transcriptText(x.text, x.redact))}::text[], ${r((x) => x.redact)}::boolean[],
        ${r((x) => (x.interactive ? JSON.stringify(x.interactive) : null))}::text[],
        ${r((x) => x.staffUserId ?? null)}::int[], ${r((x) => x.contentSid ?? null)}::text[])
        WITH ORDINALITY AS t(contact_id, farewell, in_reply_to, channel, to_address, from_address, text, transcript,
          redact, interactive, staff_user_id, content_sid, ord)
      ORDER BY t.ord
    ), m AS (
      INSERT INTO "Message" (id, "contactId", direction, body, redacted, "ourAddress", "processedAt", "inReplyToId", "staffUserId")
      SELECT id, contact_id, 'out', transcript, redact, from_address, CURRENT_TIMESTAMP, in_reply_to, staff_user_id
      FROM r WHERE id IS NOT NULL
    )
    INSERT INTO "Outbox" ("contactId", "messageId", channel, "toAddress", "fromAddress", body, interactive, "contentSid", "updatedAt")
    SELECT CASE WHEN farewell THEN NULL ELSE contact_id END, id, channel, to_address, from_address, text, interactive::jsonb,
      content_sid, CURRENT_TIMESTAMP
    FROM r ORDER BY ord`;
}

/** The person's message marked answered: its text stays where it is, or becomes [redacted] (transcriptText's rule) */
async function markAnswered(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  const a = plans.flatMap((p) => (p.answered ? [p.answered] : []));
  if (a.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Message" m SET "processedAt" = CURRENT_TIMESTAMP,
      body = CASE WHEN v.redact THEN ${REDACTED} ELSE m.body END, redacted = m.redacted OR v.redact,
      personal = m.personal OR v.personal, failure = COALESCE(v.failure, m.failure),
      "failedAttempts" = m."failedAttempts" + CASE WHEN v.counted THEN 1 ELSE 0 END
    FROM unnest(${a.map((x) => x.messageId)}::int[], ${a.map((x) => x.redact)}::boolean[], ${a.map((x) => x.personal)}::boolean[],
      ${a.map((x) => x.failure?.reason ?? null)}::text[], ${a.map((x) => x.failure?.counted ?? false)}::boolean[])
      AS v(id, redact, personal, failure, counted)
    WHERE m.id = v.id`;
}

async function saveSessions(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  const s = plans.flatMap((p) => (p.session ? [{ contactId: p.contactId, state: JSON.stringify(p.session) }] : []));
  if (s.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Session" ("contactId", state, "updatedAt")
    SELECT id, state::jsonb, CURRENT_TIMESTAMP
    FROM unnest(${s.map((x) => x.contactId)}::int[], ${s.map((x) => x.state)}::text[]) AS v(id, state)
    ON CONFLICT ("contactId") DO UPDATE SET state = EXCLUDED.state, "updatedAt" = EXCLUDED."updatedAt"`;
}

async function changeContacts(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  const c = plans.flatMap((p) =>
    p.contact && Object.keys(p.contact).length > 0 ? [{ contactId: p.contactId, ...p.contact }] : [],
  );
  if (c.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Contact" c SET language = COALESCE(v.language, c.language),
      "optedOut" = COALESCE(v.opted_out, c."optedOut"),
      "noticeVersion" = COALESCE(v.notice_version, c."noticeVersion"),
      "noticeSeenAt" = CASE WHEN v.notice_version IS NULL THEN c."noticeSeenAt" ELSE CURRENT_TIMESTAMP END,
      "updatesConsent" = COALESCE(v.updates, c."updatesConsent"),
      "updatesConsentAt" = CASE WHEN v.updates IS NULL THEN c."updatesConsentAt" ELSE CURRENT_TIMESTAMP END
    FROM unnest(${c.map((x) => x.contactId)}::int[], ${c.map((x) => x.language ?? null)}::text[],
      ${c.map((x) => x.optedOut ?? null)}::boolean[], ${c.map((x) => x.noticeVersion ?? null)}::int[],
      ${c.map((x) => x.updatesConsent ?? null)}::boolean[])
      AS v(id, language, opted_out, notice_version, updates)
    WHERE c.id = v.id`;
}

/**
 * The turns' journey events, each naming its flow point by number: a point seen for the first time is added
 * (DO UPDATE returns it also when another process adds it at the same moment; known points are not touched).
 */
async function insertJourneys(tx: Tx, plans: readonly TurnPlan[]): Promise<void> {
  const rows = plans.flatMap(({ contactId, journey }) =>
    journey
      ? journey.events.map((e) => ({ ...e, contactId, language: journey.language, channel: journey.channel }))
      : [],
  );
  if (rows.length === 0) return;
  const r = <T>(f: (x: (typeof rows)[number]) => T) => rows.map(f);
  await tx.$executeRaw`
    WITH v AS MATERIALIZED (
      SELECT * FROM unnest(${r((x) => x.contactId)}::int[], ${r((x) => x.flow)}::text[], ${r((x) => x.node)}::text[],
        ${r((x) => x.outcome ?? "")}::text[], ${r((x) => x.kind)}::text[], ${r((x) => x.language)}::text[],
        ${r((x) => x.channel)}::text[], ${r((x) => (x.waitedMs === undefined ? null : Math.round(x.waitedMs / 1000)))}::int[])
        WITH ORDINALITY AS v(contact_id, flow, node, outcome, kind, language, channel, waited, ord)
    ), points AS (SELECT DISTINCT flow, node, outcome FROM v), added AS (
      INSERT INTO "JourneyNode" (flow, node, outcome)
      SELECT * FROM points p
      WHERE NOT EXISTS (SELECT 1 FROM "JourneyNode" n WHERE (n.flow, n.node, n.outcome) = (p.flow, p.node, p.outcome))
      ON CONFLICT (flow, node, outcome) DO UPDATE SET outcome = EXCLUDED.outcome
      RETURNING id, flow, node, outcome
    ), n AS (
      SELECT n.id, n.flow, n.node, n.outcome FROM "JourneyNode" n JOIN points USING (flow, node, outcome)
      UNION ALL SELECT * FROM added
    )
    INSERT INTO "JourneyEvent" ("contactId", "nodeId", kind, language, channel, "waitedSeconds")
    SELECT v.contact_id, n.id, v.kind::"JourneyKind", v.language, v.channel, v.waited
    FROM v JOIN n USING (flow, node, outcome) ORDER BY v.ord`;
}
