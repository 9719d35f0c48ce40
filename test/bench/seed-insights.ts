// The insights benchmark's data, written straight into PostgreSQL with generate_series (seconds, not a turn at a
// time): PEOPLE contacts, MESSAGES transcript rows over 90 days (a tenth of the people handed to one of 20
// caseworkers, who answer them), journeys through the menu and the case lookup (about a million journey events),
// the 275 days before them as retention's daily counts, needs and referrals.
import { sql } from "../support/pg-sql.ts";

const LANGUAGES = "ARRAY['ar','fa','ps','fr','en','uk','so','ti','ku','ur']";
/** a language, the first ones likelier, as people write to a line in Greece */
const language = `(${LANGUAGES})[1 + floor(power(random(), 2) * 10)::int]`;

export async function seedInsights(url: string, people: number, messages: number): Promise<void> {
  const conversations = Math.floor(people / 10);
  const staffReplies = conversations * 3;
  const journeys = Math.floor(messages * 0.3);
  await sql(
    url,
    `
    INSERT INTO "StaffUser" (email, role, "passwordHash")
      SELECT 'cw' || i || '@example.org', 'caseworker', 'x' FROM generate_series(1, 20) i;
    INSERT INTO "Contact" (channel, address, language, "createdAt")
      SELECT CASE WHEN i % 3 = 0 THEN 'sms' ELSE 'whatsapp' END, '+3069' || lpad(i::text, 8, '0'), ${language},
        now() - interval '90 days'
      FROM generate_series(1, ${people}) i;
    INSERT INTO "Conversation" ("contactId", status, urgent, reason, "escalatedAt", "assigneeId", "updatedAt")
      SELECT c, CASE WHEN random() < 0.6 THEN 'closed' ELSE 'with_person' END, random() < 0.1, 'asked', t,
        (SELECT min(id) FROM "StaffUser") + (c % 20), t + random() * interval '2 days'
      FROM (SELECT i * 10 AS c, now() - random() * interval '90 days' AS t FROM generate_series(1, ${conversations}) i) x;
    INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "createdAt", "processedAt")
      SELECT 1 + (i % ${people}), CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END, 'message ' || i, '+15005550006', t, t
      FROM (SELECT i, now() - random() * interval '90 days' AS t FROM generate_series(1, ${messages - staffReplies}) i) x;
    INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "staffUserId", "createdAt", "processedAt")
      SELECT c."contactId", 'out', 'a caseworker writes', '+15005550006', c."assigneeId",
        c."escalatedAt" + random() * interval '6 hours', c."escalatedAt"
      FROM "Conversation" c, generate_series(1, 3);
    INSERT INTO "JourneyNode" (flow, node, outcome) VALUES ('main_menu', 'menu', ''), ('main_menu', 'rights', ''),
      ('main_menu', 'case', ''), ('main_menu', 'find_help', ''), ('main_menu', 'report_need', ''),
      ('main_menu', 'person', ''), ('case_status', 'ask_case_number', ''), ('case_status', 'ask_factor', ''),
      ('case_status', 'look_up', ''), ('case_status', 'look_up', 'found'), ('case_status', 'look_up', 'not_found'),
      ('case_status', 'look_up', 'locked');
    CREATE TEMP TABLE j AS
      SELECT 1 + (i % ${people}) AS contact, now() - random() * interval '90 days' AS t0, random() AS r, random() AS w,
        ${language} AS language, CASE WHEN i % 3 = 0 THEN 'sms' ELSE 'whatsapp' END AS channel,
        (ARRAY['rights','case','find_help','report_need','person'])[1 + floor(random() * 5)::int] AS pick
      FROM generate_series(1, ${journeys}) i;
    CREATE TEMP TABLE p AS SELECT id, flow || '/' || node || CASE WHEN outcome = '' THEN '' ELSE ':' || outcome END AS key
      FROM "JourneyNode";
    -- the menu put; a first reply within two hours for nine in ten (understood or not), the rest left; then the pick
    INSERT INTO "JourneyEvent" ("contactId", "nodeId", kind, language, channel, "waitedSeconds", at)
      SELECT contact, p.id, s.kind::"JourneyKind", language, channel, s.waited, t0 + make_interval(secs => s.dt)
      FROM j CROSS JOIN LATERAL (VALUES
          ('main_menu/menu', 'asked', NULL::int, 0.0, true),
          ('main_menu/menu', CASE WHEN r < 0.85 THEN 'answered' ELSE 'retried' END, (w * 7200)::int, w * 7200, w < 0.9),
          ('main_menu/' || pick, 'reached', NULL, w * 7200, w < 0.9 AND r < 0.85),
          ('case_status/ask_case_number', 'asked', NULL, w * 7200, w < 0.9 AND r < 0.85 AND pick = 'case'),
          ('case_status/ask_case_number', 'answered', 30, w * 7200 + 30, w < 0.9 AND r < 0.85 AND pick = 'case'),
          ('case_status/ask_factor', 'asked', NULL, w * 7200 + 30, w < 0.9 AND r < 0.85 AND pick = 'case'),
          ('case_status/ask_factor', 'answered', 40, w * 7200 + 70, w < 0.9 AND r < 0.85 AND pick = 'case'),
          ('case_status/look_up', 'reached', NULL, w * 7200 + 70, w < 0.9 AND r < 0.85 AND pick = 'case'),
          ('case_status/look_up:' || (ARRAY['found','found','found','not_found','locked'])[1 + floor(r * 5 / 0.85)::int],
            'outcome', NULL, w * 7200 + 70, w < 0.9 AND r < 0.85 AND pick = 'case')
        ) AS s(point, kind, waited, dt, happens)
      JOIN p ON p.key = s.point
      WHERE s.happens;
    -- the 275 days before, as retention left them: daily counts
    INSERT INTO "JourneyDaily" (day, "nodeId", kind, language, channel, count)
      SELECT d::date, p.id, k::"JourneyKind", l, ch, 1 + floor(random() * 40)::int
      FROM generate_series(now() - interval '365 days', now() - interval '91 days', interval '1 day') d,
        p, unnest(ARRAY['asked','answered','retried','left']) k, unnest(${LANGUAGES}) l, unnest(ARRAY['sms','whatsapp']) ch
      WHERE p.key IN ('main_menu/menu', 'case_status/ask_case_number', 'case_status/ask_factor') OR k = 'asked';
    INSERT INTO "Need" (reference, "contactId", category, urgency, area, text, language, channel, status, "createdAt")
      SELECT 'N-' || upper(lpad(to_hex(i), 6, '0')), 1 + (i % ${people}), 'shelter', 'week', 'athens', 'we need help',
        ${language}, 'whatsapp', (ARRAY['new','reviewed','referred','resolved'])[1 + floor(random() * 4)::int],
        now() - random() * interval '90 days'
      FROM generate_series(1, ${Math.floor(people / 2)}) i;
    INSERT INTO "Partner" (code, name, services, areas, languages, hours, "updatedAt")
      VALUES ('bench', 'Bench partner', '{legal}', '{athens}', '{en}', 'Mon-Fri', now());
    INSERT INTO "Referral" ("contactId", "partnerId", service, name, "consentAt", status, "createdAt", "updatedAt")
      SELECT 1 + (i % ${people}), (SELECT id FROM "Partner"), 'legal', 'A', t,
        (ARRAY['new','contacted','accepted','received','closed'])[1 + floor(random() * 5)::int], t, t
      FROM (SELECT i, now() - random() * interval '90 days' AS t FROM generate_series(1, ${Math.floor(people / 5)}) i) x;
  `,
  );
  // as autovacuum leaves older rows: visible to index-only scans, with statistics
  await sql(url, "VACUUM ANALYZE");
}
