import pg from "pg";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";

// The server killed with SIGKILL in the middle of a broadcast, one send cut off after Twilio took it (the sender
// never heard), then started again: every person gets the broadcast exactly once (issue 17 part 4). Sends in doubt
// are looked up at Twilio before they go again (src/outbox/reconcile.ts).

const PEOPLE = 60;
let db: Awaited<ReturnType<typeof testDatabase>>;
let twilio: TwilioStandIn;
let client: pg.Client;
let server: ServerProcess | undefined;

const startProcess = () =>
  spawnServer({
    env: {
      DATABASE_URL: db.url,
      TWILIO_API_URL: twilio.url,
      OUTBOX_POLL_MS: "100",
      BROADCAST_SMS_SEGMENTS_PER_SECOND: "20",
      LOG_LEVEL: "info",
    },
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const query = async <T>(sql: string): Promise<T[]> => (await client.query(sql)).rows as T[];

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  db = await testDatabase();
  twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await client?.end();
  await twilio?.stop();
  await db?.drop();
}, 30_000);

test("killed mid-broadcast and restarted, each person gets it exactly once", async () => {
  // people who wrote to the line and said yes to being written to first, and a broadcast due now
  await client.query(`
    WITH c AS (
      INSERT INTO "Contact" (channel, address, language, "updatesConsent", "lastInboundAt")
      SELECT 'sms', '+3069300' || lpad(i::text, 5, '0'), 'en', true, now() FROM generate_series(1, ${PEOPLE}) i
      RETURNING id)
    INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "processedAt")
    SELECT id, 'in', 'hi', '+15550001111', now() FROM c`);
  await client.query(`
    INSERT INTO "Broadcast" (title, texts, audience, status, "sendAt")
    VALUES ('drill', '{"en": "The office is closed on Monday."}', '{}', 'scheduled', now())`);

  server = await startProcess();
  const deadline = Date.now() + 60_000;
  for (let cutOff = false; twilio.sent.length < 20 && Date.now() < deadline; await sleep(5))
    if (!cutOff && twilio.sent.length >= 12) {
      // Twilio takes the next one but the connection breaks before its answer: the sender does not know
      twilio.hangUpNext(1, "after");
      cutOff = true;
    }
  await server.stop("SIGKILL");
  const atKill = twilio.sent.length;
  const [left] = await query<{ sending: number; doubt: number }>(`
    SELECT count(*) FILTER (WHERE status = 'sending')::int AS sending,
      count(*) FILTER (WHERE "doubtSince" IS NOT NULL)::int AS doubt FROM "BroadcastRecipient"`);
  console.log(`killed with ${atKill} sent, ${left?.sending} claimed mid-send, ${left?.doubt} in doubt`);
  expect(atKill).toBeLessThan(PEOPLE);
  // the dead process's leases (60 s) run out now rather than in a minute: the wait is not what is tested
  await client.query(
    `UPDATE "BroadcastRecipient" SET "lockedUntil" = now() - interval '1 second' WHERE status = 'sending'`,
  );

  server = await startProcess();
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const [b] = await query<{ status: string }>(`SELECT status FROM "Broadcast"`);
    if (b?.status === "done") break;
  }
  await sleep(500);
  const perPerson = new Map<string, number>();
  for (const m of twilio.sent) perPerson.set(m.to, (perPerson.get(m.to) ?? 0) + 1);
  // the rows the dead process held were looked up at Twilio, not sent blind
  expect(twilio.listed.length).toBeGreaterThan(0);
  expect(perPerson.size).toBe(PEOPLE);
  expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
  const [report] = await query<{ status: string; sent: number }>(`
    SELECT b.status, (SELECT count(*)::int FROM "BroadcastRecipient" WHERE status = 'sent') AS sent FROM "Broadcast" b`);
  expect(report).toEqual({ status: "done", sent: PEOPLE });
}, 180_000);
