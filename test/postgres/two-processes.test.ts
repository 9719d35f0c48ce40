import pg from "pg";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { inboundForm, signedRequest } from "../support/twilio-signing.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";

// Two server processes on one PostgreSQL, as behind a load balancer: one person's messages must
// still be answered one at a time, in the order they were accepted, each exactly once.
let db: Awaited<ReturnType<typeof testDatabase>>;
let twilio: TwilioStandIn;
const servers: ServerProcess[] = [];

const startProcess = () => spawnServer({ env: { DATABASE_URL: db.url, TWILIO_API_URL: twilio.url, OUTBOX_POLL_MS: "100", LOG_LEVEL: "info" } });

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  db = await testDatabase();
  twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  // one after the other: both would race to apply the migrations otherwise
  servers.push(await startProcess());
  servers.push(await startProcess());
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await twilio?.stop();
  await db?.drop();
}, 30_000);

test("20 concurrent messages from one person, split over two processes, are answered in order, once each", async () => {
  const from = "+306900099999";
  const post = (i: number, body: string) => {
    const server = servers[i % 2]!;
    const signed = signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, inboundForm({ from, body }));
    return fetch(`${server.url}/webhooks/twilio`, { method: "POST", headers: signed.headers, body: signed.body });
  };
  // the person has a language already, so every message is a menu turn
  const first = await post(0, "hello");
  expect(first.status).toBe(200);
  const bodies = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? "1" : "hello"));
  const responses = await Promise.all(bodies.map((b, i) => post(i, b)));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const deadline = Date.now() + 60_000;
    let pending = 1;
    while (pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const r = await client.query(`SELECT count(*)::int AS n FROM "Message" WHERE direction = 'in' AND "processedAt" IS NULL`);
      pending = r.rows[0].n;
    }
    expect(pending).toBe(0);
    const inbound = await client.query(`SELECT id, "processedAt" FROM "Message" WHERE direction = 'in' ORDER BY id`);
    expect(inbound.rows).toHaveLength(21);
    // processed in the order accepted: processing times rise with the ids
    const times = inbound.rows.map((r) => new Date(r.processedAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // every reply belongs to one turn, and the turns' replies do not interleave
    const replies = await client.query(`SELECT id, "inReplyToId", body FROM "Message" WHERE direction = 'out' ORDER BY id`);
    const turnOrder = replies.rows.map((r) => r.inReplyToId);
    expect(turnOrder).toEqual([...turnOrder].sort((a, b) => a - b));
    expect(new Set(turnOrder)).toEqual(new Set(inbound.rows.map((r) => r.id)));
    // and they reached Twilio in that order, none twice
    await twilio.waitForSent(replies.rows.length, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(twilio.to(from)).toEqual(replies.rows.map((r) => r.body));
  } finally {
    await client.end();
  }
}, 120_000);
