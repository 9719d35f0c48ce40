import { type Database, databaseTarget, openDatabase } from "../../src/db/database.ts";
import { Prisma as Sql } from "../../src/db/generated/client.ts";
import { turnInputsQuery, unprocessedQuery } from "../../src/conversations/repository.ts";
import { recipientClaimQuery } from "../../src/outbox/broadcast-repository.ts";
import { CLAIM_WINDOW, claimDue, claimQuery, waitingFrom } from "../../src/outbox/repository.ts";
import { type TestDatabase, testDatabase } from "../support/database.ts";

// The queries every turn or send runs must cost the same with a large history as with none, whatever the
// planner's statistics say: seeded with 300,000 sent replies and 300,000 answered messages (what a busy
// line keeps), each plan is read twice, with statistics taken while the tables were empty (as after a bulk
// load before autovacuum) and with fresh ones, and must read only the rows still to handle.
const PEOPLE = 20_000;
const SENT = 300_000;
const UNSENT = 2_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

let database: TestDatabase;
let db: Database;

async function explain(query: Sql.Sql): Promise<PlanNode[]> {
  const [row] = await db.prisma.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Sql.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`,
  );
  return nodes(row!["QUERY PLAN"][0].Plan);
}

/** The claim statement's plan over the window of the oldest waiting reply. */
async function explainClaim(): Promise<PlanNode[]> {
  const [span] = await db.prisma.$queryRaw<{ first: number }[]>(waitingFrom(0));
  return explain(claimQuery({ from: span!.first, limit: 100 }));
}

/** rows a plan read from the table: what it returned plus what its filters threw away, over every loop */
const rowsRead = (plan: PlanNode[], table: string) =>
  plan
    .filter((n) => n["Relation Name"] === table)
    .reduce(
      (sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0)) * (n["Actual Loops"] ?? 1),
      0,
    );

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  database = await testDatabase();
  db = openDatabase(await databaseTarget(database.url, database.dataDir));
  const q = (sql: string) => db.prisma.$executeRawUnsafe(sql);
  // statistics of empty tables, kept while the rows arrive
  for (const table of ["Contact", "Session", "Conversation", "Message", "Outbox"]) {
    await q(`ALTER TABLE "${table}" SET (autovacuum_enabled = false)`);
    await q(`ANALYZE "${table}"`);
  }
  await q(`INSERT INTO "Contact" (channel, address) SELECT 'sms', '+4470' || g FROM generate_series(1, ${PEOPLE}) g`);
  await q(`INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "processedAt", "createdAt")
    SELECT c.id, 'in', 'hi', '+1555', now(), now() - interval '1 day'
    FROM generate_series(1, ${SENT / PEOPLE}) g CROSS JOIN "Contact" c`);
  await q(`INSERT INTO "Outbox" ("contactId", channel, "toAddress", "fromAddress", body, status, "providerSid", "updatedAt")
    SELECT c.id, 'sms', c.address, '+1555', '', 'sent', 'SM' || g || '_' || c.id, now()
    FROM generate_series(1, ${SENT / PEOPLE}) g CROSS JOIN "Contact" c`);
  // everyone's place in their flow, and a conversation with staff for some
  await q(`INSERT INTO "Session" ("contactId", state, "updatedAt") SELECT id, '{}', now() FROM "Contact"`);
  await q(`INSERT INTO "Conversation" ("contactId", status, "updatedAt")
    SELECT id, 'closed', now() FROM "Contact" WHERE id % 10 = 0`);
  // the backlog: two replies waiting for each of the last people, and their unanswered messages
  await q(`INSERT INTO "Outbox" ("contactId", channel, "toAddress", "fromAddress", body, "updatedAt")
    SELECT c.id, 'sms', c.address, '+1555', 'reply ' || g, now()
    FROM generate_series(1, 2) g CROSS JOIN (SELECT * FROM "Contact" ORDER BY id DESC LIMIT ${UNSENT / 2}) c`);
  await q(`INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "createdAt")
    SELECT id, 'in', 'hello', '+1555', now() - interval '1 hour' FROM "Contact" ORDER BY id DESC LIMIT ${UNSENT / 2}`);
}, 240_000);

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const checkPlans = async () => {
  // the window's first and last ids: an index probe each, never the waiting rows walked
  const span = await explain(waitingFrom(0));
  expect(rowsRead(span, "Outbox")).toBeLessThanOrEqual(2);
  const claim = await explainClaim();
  expect(claim.filter((n) => n["Relation Name"] === "Outbox" && n["Node Type"] === "Seq Scan")).toEqual([]);
  // the waiting replies only (index-ordered with a probe per row, or, for a small backlog as here, hashed once):
  // never the sent rows
  expect(rowsRead(claim, "Outbox")).toBeLessThanOrEqual(3 * UNSENT);

  // a batch's next turns: each person's row, place in the flow, conversation and oldest unanswered message, looked
  // up person by person, never the whole tables
  const waiting = await db.prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "Contact" ORDER BY id DESC LIMIT 100`;
  const inputs = await explain(turnInputsQuery(waiting.map((c) => c.id)));
  expect(inputs.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"])).toEqual([]);
  for (const table of ["Contact", "Session", "Conversation", "Message"])
    expect(rowsRead(inputs, table), table).toBeLessThanOrEqual(100);

  const sweep = await explain(unprocessedQuery(new Date()));
  expect(sweep.filter((n) => n["Relation Name"] === "Message" && n["Node Type"] === "Seq Scan")).toEqual([]);
  expect(rowsRead(sweep, "Message")).toBeLessThanOrEqual(UNSENT / 2);
};

test("with statistics of empty tables, the outbox claim and the unanswered-message sweep read only the rows to handle", async () => {
  await checkPlans();
}, 60_000);

test("with fresh statistics too, and a claim still takes each person's oldest waiting reply first", async () => {
  await db.prisma.$executeRawUnsafe(`ANALYZE "Contact", "Session", "Conversation", "Message", "Outbox"`);
  await checkPlans();
  // the EXPLAIN ANALYZE above claimed rows: release them, then claim for real
  await db.prisma.$executeRawUnsafe(
    `UPDATE "Outbox" SET status = 'pending', "lockedUntil" = NULL WHERE status = 'sending'`,
  );
  const { rows: claimed } = await claimDue(db.prisma, 100);
  expect(claimed).toHaveLength(100);
  expect(claimed.every((r) => r.body === "reply 1")).toBe(true);
  expect(new Set(claimed.map((r) => r.contactId)).size).toBe(100);
}, 60_000);

test("on a young line analysed while its outbox was nearly empty, a backlog of tens of thousands is claimed through a window of it", async () => {
  const q = (sql: string) => db.prisma.$executeRawUnsafe(sql);
  // a new line analysed with few replies, then a burst: six replies waiting for each of 12,000 people,
  // interleaved as turns write them (everyone's first, then everyone's second…): 72,000 waiting
  await q(`DELETE FROM "Outbox"`);
  await q(`VACUUM ANALYZE "Outbox"`);
  await q(`INSERT INTO "Outbox" ("contactId", channel, "toAddress", "fromAddress", body, "updatedAt")
    SELECT c.id, 'sms', c.address, '+1555', 'burst ' || g, now()
    FROM (SELECT * FROM "Contact" ORDER BY id LIMIT 12000) c CROSS JOIN generate_series(1, 6) g ORDER BY g, c.id`);
  const claim = await explainClaim();
  // each row of the window checked against its own person's waiting rows only: never the backlog hashed, nor
  // walked and sorted whole (the plan the planner took when it believed nothing waited, in the bench: 974 ms a
  // claim with 28,000 waiting, then 75 ms with 68,000 once the check was a probe)
  expect(claim.filter((n) => n["Node Type"].startsWith("Hash"))).toEqual([]);
  expect(rowsRead(claim, "Outbox")).toBeLessThanOrEqual(3 * CLAIM_WINDOW);
  // and the claim takes the first 100 people's first replies
  await q(`UPDATE "Outbox" SET status = 'pending', "lockedUntil" = NULL WHERE status = 'sending'`);
  const { rows } = await claimDue(db.prisma, 100);
  expect(rows.map((r) => r.body)).toEqual(Array(100).fill("burst 1"));
  expect(new Set(rows.map((r) => r.contactId)).size).toBe(100);
  await q(`UPDATE "Outbox" SET status = 'sent', "providerSid" = 'SMr' || id WHERE status <> 'sent'`);
}, 60_000);

test("replies waiting for a retry hold back only their own people: claims go on past them, window after window", async () => {
  const q = (sql: string) => db.prisma.$executeRawUnsafe(sql);
  // 20,000 people's replies all waiting for a retry (a channel down), then one reply for each of 50 others
  await q(`INSERT INTO "Outbox" ("contactId", channel, "toAddress", "fromAddress", body, "nextAttemptAt", "updatedAt")
    SELECT c.id, 'whatsapp', c.address, '+1555', 'later', now() + interval '5 minutes', now()
    FROM "Contact" c ORDER BY c.id`);
  await q(`INSERT INTO "Outbox" ("contactId", channel, "toAddress", "fromAddress", body, "updatedAt")
    SELECT c.id, 'sms', c.address, '+1555', 'now', now() FROM "Contact" c ORDER BY c.id LIMIT 50`);
  await q(`INSERT INTO "Contact" (channel, address) SELECT 'sms', '+4480' || g FROM generate_series(1, 50) g`);
  await q(`INSERT INTO "Outbox" ("contactId", channel, "toAddress", "fromAddress", body, "updatedAt")
    SELECT c.id, 'sms', c.address, '+1555', 'now', now() FROM "Contact" c WHERE c.address LIKE '+4480%'`);
  // each claim looks through a bounded stretch and the next goes on from there: the 50 people with nothing
  // held back are reached in a few claims, the 50 whose earlier reply waits are not sent out of turn
  const bodies: string[] = [];
  let resumeAt = 0;
  for (let claim = 0; claim < 5 && bodies.length < 50; claim++) {
    const next = await claimDue(db.prisma, 100, { resumeAt });
    bodies.push(...next.rows.map((r) => `${r.body}:${r.toAddress.slice(0, 5)}`));
    resumeAt = next.resumeAt;
  }
  expect(bodies).toEqual(Array(50).fill("now:+4480"));
}, 60_000);

test("a broadcast lane's claim reads the rows it can send, not the recipients of a paused broadcast ahead of them", async () => {
  const q = (sql: string) => db.prisma.$executeRawUnsafe(sql);
  // statistics of an empty table, then a paused broadcast of 50,000 and, after it, one sending to 50,000
  await q(`ANALYZE "BroadcastRecipient"`);
  for (const [status, people] of [
    ["paused", 50_000],
    ["sending", 50_000],
  ] as const) {
    await q(
      `INSERT INTO "Broadcast" (title, texts, audience, status) VALUES ('${status}', '{"en": "hi"}', '{}', '${status}')`,
    );
    await q(`INSERT INTO "BroadcastRecipient" ("broadcastId", "contactId", channel, language, "textLanguage")
      SELECT (SELECT max(id) FROM "Broadcast"), 1 + g % ${PEOPLE}, 'sms', 'en', 'en' FROM generate_series(1, ${people}) g`);
  }
  const claim = await explain(recipientClaimQuery("sms", 10));
  // the window of the sending broadcast (its first unsent row found by one probe), then the 10 rows claimed: it
  // read the sending broadcast's 50,000 before
  expect(rowsRead(claim, "BroadcastRecipient")).toBeLessThanOrEqual(1_000 + 3 * 10);
}, 60_000);
