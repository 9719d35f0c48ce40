import { testDatabase } from "../support/database.ts";
import { LiveStream } from "../support/live-stream.ts";
import { sql } from "../support/pg-sql.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { inboundForm, signedRequest } from "../support/twilio-signing.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";
import { PASSWORD, staffClient } from "../support/staff.ts";
import { hashPassword } from "../../src/staff/auth.ts";

// Two server processes on one PostgreSQL, as behind a load balancer: one person's messages must
// still be answered one at a time, in the order they were accepted, each exactly once.
let db: Awaited<ReturnType<typeof testDatabase>>;
let twilio: TwilioStandIn;
const servers: ServerProcess[] = [];

const startProcess = () =>
  spawnServer({ env: { DATABASE_URL: db.url, TWILIO_API_URL: twilio.url, OUTBOX_POLL_MS: "100", LOG_LEVEL: "info" } });

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
  // global keywords answer in any state and in any order; menu numbers could lead to "talk to a person",
  // and misunderstood words to a caseworker, after which the bot rightly stays silent
  const bodies = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? "lang" : "menu"));
  const responses = await Promise.all(bodies.map((b, i) => post(i, b)));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));

  const deadline = Date.now() + 60_000;
  let pending = 1;
  while (pending > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const r = await sql(
      db.url!,
      `SELECT count(*)::int AS n FROM "Message" WHERE direction = 'in' AND "processedAt" IS NULL`,
    );
    pending = r.rows[0].n;
  }
  expect(pending).toBe(0);
  const inbound = await sql(db.url!, `SELECT id, "processedAt" FROM "Message" WHERE direction = 'in' ORDER BY id`);
  expect(inbound.rows).toHaveLength(21);
  // processed in the order accepted: processing times rise with the ids
  const times = inbound.rows.map((r) => new Date(r.processedAt).getTime());
  expect(times).toEqual([...times].sort((a, b) => a - b));
  // every reply belongs to one turn, and the turns' replies do not interleave
  const replies = await sql(
    db.url!,
    `SELECT id, "inReplyToId", body FROM "Message" WHERE direction = 'out' ORDER BY id`,
  );
  const turnOrder = replies.rows.map((r) => r.inReplyToId);
  expect(turnOrder).toEqual([...turnOrder].sort((a, b) => a - b));
  expect(new Set(turnOrder)).toEqual(new Set(inbound.rows.map((r) => r.id)));
  // and they reached Twilio in that order, none twice
  await twilio.waitForSent(replies.rows.length, 30_000);
  await new Promise((r) => setTimeout(r, 500));
  expect(twilio.to(from)).toEqual(replies.rows.map((r) => r.body));
}, 120_000);

/** Staff accounts written straight into the database both processes share: their ids. */
async function addStaff(role: string, emails: string[]): Promise<number[]> {
  const hash = await hashPassword(PASSWORD);
  const ids: number[] = [];
  for (const email of emails) {
    const added = await sql(
      db.url!,
      `INSERT INTO "StaffUser" (email, role, "passwordHash") VALUES ($1, $2, $3) RETURNING id`,
      [email, role, hash],
    );
    ids.push(added.rows[0].id);
  }
  return ids;
}

test("caseworkers on two processes: an escalation on one reaches the other's live inbox; two takes at once, one wins", async () => {
  const emails = ["a@two.example.org", "b@two.example.org"];
  await addStaff("caseworker", emails);
  const [a, b] = [staffClient(servers[0]!.url, { ip: "10.1.0.1" }), staffClient(servers[1]!.url, { ip: "10.1.0.2" })];
  await a.login(emails[0]!);
  await b.login(emails[1]!);

  // b listens on process 1; the person writes to process 0
  const events = await b.request("/staff/events");
  expect(events.headers.get("content-type")).toMatch(/text\/event-stream/);
  const stream = new LiveStream(events);
  const from = "+306900088888";
  const signed = signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, inboundForm({ from, body: "HELP" }));
  expect(
    (await fetch(`${servers[0]!.url}/webhooks/twilio`, { method: "POST", headers: signed.headers, body: signed.body }))
      .status,
  ).toBe(200);
  const seen = await stream.read(20_000, "event: change");
  await stream.close();
  expect(seen).toContain("event: change\ndata: *");

  const list = await (await b.request("/staff/inbox/list")).text();
  const id = /\/staff\/conversations\/(\d+)/.exec(list)?.[1];
  expect(id).toBeDefined();
  const [ra, rb] = await Promise.all([
    a.post(`/staff/conversations/${id}/take`),
    b.post(`/staff/conversations/${id}/take`),
  ]);
  expect([ra.status, rb.status].sort()).toEqual([303, 409]);
}, 60_000);

test("alerts across processes: an urgent conversation on one and a transfer made on it reach a stream on the other", async () => {
  const ids = await addStaff("caseworker", ["c@two.example.org", "d@two.example.org"]);
  const [c, d] = [staffClient(servers[0]!.url, { ip: "10.1.0.3" }), staffClient(servers[1]!.url, { ip: "10.1.0.4" })];
  await c.login("c@two.example.org");
  await d.login("d@two.example.org");
  // d listens on process 1; the person names a risk on process 0, where c passes the conversation to d
  const stream = new LiveStream(await d.request("/staff/events"));
  const from = "+306900077777";
  const signed = signedRequest(
    AUTH_TOKEN,
    `${PUBLIC_BASE_URL}/webhooks/twilio`,
    inboundForm({ from, body: "He hits me and I am afraid" }),
  );
  await fetch(`${servers[0]!.url}/webhooks/twilio`, { method: "POST", headers: signed.headers, body: signed.body });
  const urgent = await stream.read(20_000, "event: urgent");
  expect(urgent).toMatch(/event: urgent\ndata: \{"key":"urgent:\d+:\d+","contactId":(\d+)\}/);
  const id = /"contactId":(\d+)/.exec(urgent)?.[1];
  expect((await c.post(`/staff/conversations/${id}/take`)).status).toBe(303);
  expect((await c.post(`/staff/conversations/${id}/transfer`, { to: String(ids[1]) })).status).toBe(303);
  expect(await stream.read(20_000, "event: assigned")).toContain(`"contactId":${id},"by":"c@two.example.org"`);
  await stream.close();
}, 60_000);

// each process polls the newest content version (CONTENT_POLL_MS as deployed: 2 s), without a restart
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
  await addStaff("editor", ["editor@two.example.org"]);
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
