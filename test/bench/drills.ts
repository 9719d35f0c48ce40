// npm run drills [-- --short]
// Fault drills against the real server process under load, many people walking the menu:
//   1. SIGKILL in the middle of the load, then a restart, with Twilio's status callbacks and without them;
//   2. the Twilio stand-in answers 429 and 500 for a while;
//   3. PostgreSQL restarted under load (with DATABASE_URL; pg_ctlcluster, as on these machines).
// Then, on the database and the stand-in's received messages: every accepted message was answered by
// exactly one turn, every reply reached the stand-in once (a send cut off by the kill is looked up at
// Twilio before it goes again), in order per person.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { inboundForm, newMessageSid, signedRequest } from "../support/twilio-signing.ts";
import { type SentMessage, TwilioStandIn } from "../support/twilio-standin.ts";
import { type Said, walkMenu } from "./load.ts";

const { values: args } = parseArgs({ options: { short: { type: "boolean", default: false } } });
const CONTACTS = args.short ? 150 : 1000;
const WORKERS = 16;
const OUTAGE_MS = args.short ? 3_000 : 8_000;
/** the outbox lease (src/outbox/repository.ts): a row a killed process was sending is taken again after it */
const LEASE_MS = 30_000;
// the greeting brings the language list, "1" English with the intro, the privacy notice and "may we write to
// you first?", "2" no (thanks and the menu), "3" the find-help answer
const SCRIPT = ["hi", "1", "2", "3"];
const REPLIES_PER_STEP = [1, 4, 2, 1];

const dataDir = mkdtempSync(path.join(tmpdir(), "haven-drills-"));
const database = process.env.DATABASE_URL
  ? await testDatabase({ admin: process.env.DATABASE_URL, prefix: "haven_drills" })
  : undefined;
const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
const env = {
  DATA_DIR: dataDir,
  DATABASE_URL: database?.url,
  TWILIO_API_URL: twilio.url,
  OUTBOX_POLL_MS: "200",
  LOG_LEVEL: "info",
};
const errors: string[] = [];
/** replies in doubt after the kill: found at Twilio (recorded, not sent), or not there (sent) */
const inDoubt = { found: 0, sent: 0 };
const start = () =>
  spawnServer({
    env,
    onLine: (line) => {
      if (/"level":(50|60)/.test(line)) errors.push(line);
      if (line.includes('"msg":"reply in doubt found at Twilio"')) inDoubt.found++;
      if (line.includes('"msg":"reply in doubt not at Twilio: sending it"')) inDoubt.sent++;
    },
  });
let server: ServerProcess = await start();
// "sent" a moment after Twilio takes a message, "delivered" when the phone confirms (seconds for an SMS): a
// reply cut off by the SIGKILL is then known sent from its callback; without callbacks, from Twilio's list
const callbacks = {
  publicBaseUrl: PUBLIC_BASE_URL,
  target: () => server.url,
  statuses: [
    ["sent", 1_500],
    ["delivered", 6_000],
  ] as [status: "sent" | "delivered", afterMs: number][],
};
twilio.sendStatusCallbacks(callbacks);

type Message = Said & { sid: string; step: number };
const accepted = new Set<string>();
const refusedOnce = { count: 0 };

/**
 * Each worker walks its own people, one message after the other, posting again (same MessageSid, as
 * Twilio retries) until the server answers 200: a person's messages are accepted in their order.
 */
async function load(prefix: string, onProgress: (acceptedSoFar: number) => void): Promise<Message[]> {
  const messages: Message[] = walkMenu(prefix, CONTACTS, SCRIPT).map((s, i) => ({
    ...s,
    sid: newMessageSid(),
    step: Math.floor(i / CONTACTS),
  }));
  let done = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      for (const m of messages.filter((_, i) => (i % CONTACTS) % WORKERS === w)) {
        for (;;) {
          const signed = signedRequest(
            AUTH_TOKEN,
            `${PUBLIC_BASE_URL}/webhooks/twilio`,
            inboundForm({ from: m.from, body: m.body, sid: m.sid }),
          );
          const status = await fetch(`${server.url}/webhooks/twilio`, { method: "POST", ...signed }).then(
            (r) => r.status,
            () => 0,
          );
          if (status === 200) break;
          refusedOnce.count++;
          await new Promise((r) => setTimeout(r, 100));
        }
        accepted.add(m.sid);
        onProgress(++done);
      }
    }),
  );
  return messages;
}

/** The stand-in has every reply of these people and nothing new came for `quietMs`. */
async function settled(prefix: string, quietMs: number, timeoutMs = 120_000): Promise<void> {
  const expected = CONTACTS * REPLIES_PER_STEP.reduce((a, b) => a + b, 0);
  const mine = () => twilio.sent.filter((m) => m.to.startsWith(prefix)).length;
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = mine();
    if (n !== last) {
      last = n;
      since = Date.now();
    }
    if (n >= expected && Date.now() - since >= quietMs) return;
    if (Date.now() > deadline)
      throw new Error(`${prefix}: ${n} of ${expected} replies at the stand-in after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const drills: Drill[] = [];

type Drill = { name: string; prefix: string; note: string };

async function drill(name: string, prefix: string, fault: (d: Drill) => Promise<string>, at: number, quietMs = 2_000) {
  const started = Date.now();
  let faulted: Promise<string> | undefined;
  const record: Drill = { name, prefix, note: "" };
  drills.push(record);
  await load(prefix, (n) => {
    if (!faulted && n >= at * CONTACTS * SCRIPT.length) faulted = fault(record);
  });
  record.note = await faulted!;
  await settled(prefix, quietMs);
  console.log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s. ${record.note}`);
  return record;
}

/** SIGKILL at 40 % of the load and a restart; then past the lease, so the rows it was sending are taken again. */
async function killDrill(name: string, prefix: string): Promise<void> {
  let killedAt = 0;
  const before = { ...inDoubt };
  await drill(
    name,
    prefix,
    async () => {
      killedAt = Date.now();
      await server.stop("SIGKILL");
      server = await start();
      return `killed after 40 % of the messages, restarted in ${server.coldStartMs.toFixed(0)} ms`;
    },
    0.4,
  );
  const sinceKill = Date.now() - killedAt;
  if (sinceKill < LEASE_MS + 3_000) await settled(prefix, LEASE_MS + 3_000 - sinceKill);
  console.log(
    `  replies in doubt after the kill: ${inDoubt.found - before.found} found at Twilio, ${inDoubt.sent - before.sent} not there and sent`,
  );
}

try {
  await killDrill("SIGKILL under load", "+3069401");
  twilio.sendStatusCallbacks({ ...callbacks, statuses: [] });
  await killDrill("SIGKILL under load, status callbacks off", "+3069404");
  twilio.sendStatusCallbacks(callbacks);

  await drill(
    "Twilio answers 429/500",
    "+3069402",
    async () => {
      twilio.failFor(OUTAGE_MS);
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      return `stand-in refused for ${OUTAGE_MS / 1000} s (${twilio.rejected.length} sends refused and retried)`;
    },
    0.25,
  );

  if (database) {
    await drill(
      "PostgreSQL restarted",
      "+3069403",
      async () => {
        const cluster = readdirSync("/etc/postgresql")[0]!;
        const t = Date.now();
        execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", cluster, "main", "restart"]);
        return `restarted in ${Date.now() - t} ms; ${refusedOnce.count} webhook posts refused during the drills and posted again`;
      },
      0.3,
      3_000,
    );
  } else {
    console.log("PostgreSQL restart: skipped (no DATABASE_URL)");
  }
  const health = await fetch(`${server.url}/healthz`);
  if (health.status !== 200) throw new Error(`the server did not recover: /healthz ${health.status}`);
} finally {
  await server.stop();
}

// the server is stopped: the database is ours to read (PGlite allows one process per folder)
const target = await databaseTarget(database?.url, dataDir);
const db = openDatabase(target);
const failures: string[] = [];
try {
  const inbound = await db.prisma.message.findMany({
    where: { direction: "in" },
    select: { id: true, providerId: true, processedAt: true, failure: true, contact: { select: { address: true } } },
  });
  const out = await db.prisma.message.findMany({
    where: { direction: "out" },
    orderBy: { id: "asc" },
    select: {
      inReplyToId: true,
      body: true,
      contactId: true,
      outbox: { select: { id: true, status: true } },
      contact: { select: { address: true } },
    },
  });
  const storedSids = new Set(inbound.map((m) => m.providerId));
  const lost = [...accepted].filter((sid) => !storedSids.has(sid));
  if (lost.length) failures.push(`${lost.length} accepted messages are not in the database`);
  const unprocessed = inbound.filter((m) => !m.processedAt);
  if (unprocessed.length) failures.push(`${unprocessed.length} messages never answered`);
  // a fault of the database or of Twilio is not the message's: none may be given up (src/conversations/dead-letter.ts)
  const givenUp = inbound.filter((m) => m.failure !== null);
  if (givenUp.length) failures.push(`${givenUp.length} messages given up, first: ${givenUp[0]!.failure}`);
  const repliesOf = new Map<number, number>();
  for (const o of out) repliesOf.set(o.inReplyToId!, (repliesOf.get(o.inReplyToId!) ?? 0) + 1);
  const wrongTurns = inbound.filter((m) => (repliesOf.get(m.id) ?? 0) === 0);
  if (wrongTurns.length) failures.push(`${wrongTurns.length} messages without a reply`);
  const notSent = out.filter((o) => o.outbox?.status !== "sent");
  if (notSent.length)
    failures.push(`${notSent.length} replies not sent: ${JSON.stringify(notSent.slice(0, 3).map((o) => o.outbox))}`);

  for (const d of drills) {
    const sent = twilio.sent.filter((m) => m.to.startsWith(d.prefix));
    const byRef = new Map<string, SentMessage[]>();
    for (const m of sent) {
      const ref = new URL(m.statusCallback!).searchParams.get("ref")!;
      byRef.set(ref, [...(byRef.get(ref) ?? []), m]);
    }
    const twice = [...byRef.values()].filter((copies) => copies.length > 1);
    if (twice.length) failures.push(`${d.name}: ${twice.length} replies sent twice`);
    const dbOut = out.filter((o) => o.contact.address.startsWith(d.prefix));
    const expectedReplies = CONTACTS * REPLIES_PER_STEP.reduce((a, b) => a + b, 0);
    if (dbOut.length !== expectedReplies)
      failures.push(
        `${d.name}: ${dbOut.length} replies in the database, expected ${expectedReplies} (a turn ran twice or not at all)`,
      );
    // per person: the stand-in got the database's replies in the database's order (first copy of each)
    const firstCopies = sent.filter((m, i) => sent.findIndex((x) => x.statusCallback === m.statusCallback) === i);
    let outOfOrder = 0;
    const people = new Set(dbOut.map((o) => o.contact.address));
    for (const person of people) {
      const want = dbOut.filter((o) => o.contact.address === person).map((o) => o.body);
      const got = firstCopies.filter((m) => m.to === person).map((m) => m.body);
      if (JSON.stringify(want) !== JSON.stringify(got)) outOfOrder++;
    }
    if (outOfOrder) failures.push(`${d.name}: ${outOfOrder} people got their replies out of order or incomplete`);
    console.log(
      `  ${d.name}: ${CONTACTS * SCRIPT.length} messages from ${CONTACTS} people, ${dbOut.length} replies, ${sent.length} sends received, ${twice.length} twice`,
    );
  }
} finally {
  await db.close();
  await twilio.stop();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (errors.length)
  console.log(
    `server errors logged during the faults (expected while they last): ${errors.length}, first: ${errors[0]?.slice(0, 300)}`,
  );
if (failures.length) {
  console.error(`FAILED:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("every accepted message answered by one turn, every reply delivered, in order per person");
