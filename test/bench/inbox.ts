// npm run bench:inbox: 10,000 conversations and 1,000,000 messages (one conversation of 2,000) in a fresh
// PostgreSQL database, then the inbox (views, filters, the next page, the live refresh), a long conversation
// and the search timed over HTTP through the real server run as npm start runs it (sign-in, session and
// audit included), and the newest page of 50 messages of the long conversation as a query.
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) names the server; the benchmark
// creates and drops its own database there (BENCH_KEEP=1 keeps it, to EXPLAIN a query). BENCH_CONVERSATIONS
// and BENCH_MESSAGES change the sizes.
import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { hashPassword } from "../../src/staff/auth.ts";
import { createUser } from "../../src/staff/repository.ts";
import { testDatabase } from "../support/database.ts";
import { sql } from "../support/pg-sql.ts";
import { spawnServer } from "../support/server-process.ts";
import { linkOf, staffClient } from "../support/staff.ts";

const admin = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
/** the long conversation: contact 1 */
const LONG = 2_000;
const RUNS = 40;
const PASSWORD = "bench password 123";

// words people write, in a few of the help line's languages; "landlord" is common, "passport" rarer
const WORDS = [
  ...Array.from({ length: 150 }, (_, i) => `word${i}`),
  ...["help", "please", "children", "doctor", "food", "money", "house", "school", "paper", "office"],
  ...["مساعدة", "طعام", "بيت", "طبيب", "لطفا", "کمک", "допомога", "лікар", "gargaar", "yardım"],
];
const wordArray = `ARRAY[${WORDS.map((w) => `'${w}'`).join(",")}]`;

const database = await testDatabase({ admin, prefix: "haven_bench_inbox" });
const url = new URL(database.url ?? "");
// the server applies the migrations (the GIN index included); then this process seeds the same database
const server = await spawnServer({ env: { DATABASE_URL: url.toString(), LOG_LEVEL: "info" } });
const db = openDatabase(await databaseTarget(url.toString(), ""));
try {
  const staff = await Promise.all(
    Array.from({ length: 20 }, async (_, i) =>
      createUser(db.prisma, {
        email: `cw${i}@example.org`,
        role: "caseworker",
        passwordHash: await hashPassword(PASSWORD),
        languages: i === 0 ? ["ar", "fa"] : ["en"],
      }),
    ),
  );
  const ids = staff.map((s) => s.id).join(",");
  let t = performance.now();
  const rest = MESSAGES - LONG;
  await sql(
    url.toString(),
    `
    INSERT INTO "Contact" (channel, address, language, "lastInboundAt")
    SELECT (ARRAY['whatsapp','sms'])[1 + (i % 2)], '+3069' || lpad(i::text, 8, '0'),
           (ARRAY['ar','fa','ps','fr','en','uk','so','ti','ku','ur','am','bn','es','my','ru','sw','tr'])[1 + floor(power(random(), 2) * 17)::int],
           now() - random() * interval '2 days'
      FROM generate_series(1, ${CONVERSATIONS}) i;
    -- a third waiting, a third with a person, a third closed; 5% urgent; escalated over the last 30 days
    INSERT INTO "Conversation" ("contactId", status, urgent, reason, "escalatedAt", "assigneeId", "updatedAt")
    SELECT id, s, random() < 0.05, 'asked', now() - random() * interval '30 days',
           CASE WHEN s = 'with_person' THEN (ARRAY[${ids}])[1 + floor(random() * 20)::int] END, now()
      FROM (SELECT id, (ARRAY['waiting_for_person','with_person','closed'])[1 + (id % 3)] AS s FROM "Contact") c;
    -- ${LONG.toLocaleString("en")} messages for contact 1, the rest spread over the others; eight words each
    INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "createdAt", "processedAt")
    SELECT CASE WHEN i <= ${LONG} THEN 1 ELSE 2 + (i % (${CONVERSATIONS} - 1)) END,
           (ARRAY['in','out'])[1 + (i % 2)],
           array_to_string(ARRAY(SELECT (${wordArray})[1 + floor(random() * ${WORDS.length})::int] FROM generate_series(1, 8) w WHERE i > 0), ' ')
             || CASE WHEN i % 50 = 0 THEN ' landlord' ELSE '' END || CASE WHEN i % 5000 = 0 THEN ' passport' ELSE '' END,
           '+3021', now() - (${MESSAGES} - i) * interval '2 seconds', now()
      FROM generate_series(1, ${LONG + rest}) i;
    INSERT INTO "Need" (reference, "contactId", category, urgency, area, text, language, channel)
    SELECT 'N-' || upper(lpad(to_hex(id), 6, '0')), id, 'shelter', 'week', 'athens', 'words', 'en', 'whatsapp' FROM "Contact";
    ANALYZE;`,
  );
  const [{ version }] = (await sql(url.toString(), "SELECT current_setting('server_version') AS version")).rows;
  console.log(
    `seeded ${CONVERSATIONS.toLocaleString("en")} conversations and ${MESSAGES.toLocaleString("en")} messages in ${((performance.now() - t) / 1000).toFixed(1)} s (PostgreSQL ${version})`,
  );

  const client = staffClient(server.url);
  const signed = await client.login(staff[0]?.email ?? "", PASSWORD);
  if (signed.status !== 303) throw new Error(`sign-in failed: ${signed.status}`);
  const first = await (await client.request("/staff/inbox")).text();
  const next = linkOf(first, "next") ?? "";
  const cases: [string, string][] = [
    ["inbox, All (first page)", "/staff/inbox"],
    ["inbox, next page (keyset)", next],
    ["inbox, Mine", "/staff/inbox?view=mine"],
    ["inbox, Unassigned", "/staff/inbox?view=unassigned"],
    ["inbox, my languages + urgent", "/staff/inbox?language=mine&urgency=urgent"],
    ["inbox, closed, SMS, Arabic", "/staff/inbox?status=closed&channel=sms&language=ar"],
    ["inbox, live refresh (list part)", "/staff/inbox/list"],
    [`conversation page, ${LONG.toLocaleString("en")} messages`, "/staff/conversations/1"],
    ["search, a common word (2% of messages)", "/staff/search?q=landlord"],
    ["search, a rare word", "/staff/search?q=passport"],
    ["search, two words", "/staff/search?q=doctor+children"],
    [
      "search, words + a week",
      `/staff/search?q=doctor&from=${new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)}`,
    ],
    ["search, a need's reference", "/staff/search?ref=N-0003E8"],
    ["search, the phone's last 4 digits", "/staff/search?phone=4321"],
  ];
  const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
  const pct = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  console.log(`\n| request | median | p95 | max | size |\n|---|---|---|---|---|`);
  const row = (label: string, times: number[], size: string) => {
    times.sort((a, b) => a - b);
    console.log(`| ${label} | ${ms(pct(times, 50))} | ${ms(pct(times, 95))} | ${ms(times.at(-1) ?? 0)} | ${size} |`);
  };
  for (const [label, path] of cases) {
    const times: number[] = [];
    let size = 0;
    for (let i = -3; i < RUNS; i++) {
      t = performance.now();
      const res = await client.request(path);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      if (i >= 0) times.push(performance.now() - t);
      size = body.length;
    }
    row(label, times, `${(size / 1024).toFixed(0)} kB`);
  }
  // the newest page of the long conversation, as a paged conversation view reads it (id order, the (contactId, id) index)
  const times: number[] = [];
  for (let i = -3; i < RUNS; i++) {
    t = performance.now();
    const page = await db.prisma.message.findMany({ where: { contactId: 1 }, orderBy: { id: "desc" }, take: 50 });
    if (page.length !== 50) throw new Error("the long conversation has fewer than 50 messages");
    if (i >= 0) times.push(performance.now() - t);
  }
  row(`newest 50 of ${LONG.toLocaleString("en")} messages (query)`, times, "50 rows");
  console.log(`\n${RUNS} runs each after 3 warm-ups; server peak RSS ${server.peakRssMb().toFixed(0)} MB`);
} finally {
  await db.close();
  await server.stop();
  if (process.env.BENCH_KEEP) console.log(`kept ${database.url}`);
  else await database.drop();
}
