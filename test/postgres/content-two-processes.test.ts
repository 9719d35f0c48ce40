import pg from "pg";
import { hashPassword } from "../../src/staff/auth.ts";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { PASSWORD, staffClient } from "../support/staff.ts";
import { inboundForm, signedRequest } from "../support/twilio-signing.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";

// An editor publishes on one server process; a person writing to the other reads the new text within 5 s,
// without a restart (each process polls the newest content version, CONTENT_POLL_MS as deployed: 2 s).
let db: Awaited<ReturnType<typeof testDatabase>>;
let twilio: TwilioStandIn;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  db = await testDatabase();
  twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  const env = { DATABASE_URL: db.url, TWILIO_API_URL: twilio.url, OUTBOX_POLL_MS: "100", LOG_LEVEL: "info" };
  // one after the other: both would race to apply the migrations otherwise
  servers.push(await spawnServer({ env }));
  servers.push(await spawnServer({ env }));
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await twilio?.stop();
  await db?.drop();
}, 30_000);

let phones = 0;
/** A new person's first message to a process, and the first reply they read. */
async function firstReply(server: ServerProcess): Promise<string> {
  const phone = `+3069077${String(++phones).padStart(5, "0")}`;
  const form = inboundForm({ from: phone, body: "hello", channel: "whatsapp" });
  const signed = signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, form);
  const res = await fetch(`${server.url}/webhooks/twilio`, {
    method: "POST",
    headers: signed.headers,
    body: signed.body,
  });
  expect(res.status).toBe(200);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const said = twilio.to(`whatsapp:${phone}`)[0];
    if (said) return said;
  }
  throw new Error(`no reply to ${phone}`);
}

test("a publish on one process reaches a person writing to the other within 5 s", async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`INSERT INTO "StaffUser" (email, role, "passwordHash") VALUES ($1, 'editor', $2)`, [
      "editor@two.example.org",
      await hashPassword(PASSWORD),
    ]);
  } finally {
    await client.end();
  }
  const editor = staffClient(servers[0]!.url, { ip: "10.1.0.9" });
  await editor.login("editor@two.example.org");
  expect(await firstReply(servers[1]!)).toMatch(/^Choose your language/);

  const text = "Pick your language / اختر لغتك / Choisissez votre langue:";
  expect((await editor.post("/staff/texts/draft", { lng: "en", key: "language.pick", text })).status).toBe(303);
  const published = Date.now();
  expect((await editor.post("/staff/texts/publish")).status).toBe(303);
  let reply = "";
  while (!reply.startsWith("Pick your language") && Date.now() - published < 5_000)
    reply = await firstReply(servers[1]!);
  const ms = Date.now() - published;
  console.log(`published on process 1, read by a person on process 2 ${ms} ms later`);
  expect(reply).toMatch(/^Pick your language/);
  expect(ms).toBeLessThan(5_000);
}, 60_000);
