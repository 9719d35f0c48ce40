// npm run bench:broadcast: does the broadcast lane hold each sender's configured rate (within 5%), and does a 429
// from Twilio slow it down? The real server (as npm start runs it) sends broadcasts to the Twilio stand-in, which
// stamps each message's arrival; the table gives the rate measured over each run, the most messages seen in any one
// second, the 429s the report counted, and the server's CPU time. PostgreSQL: BENCH_DATABASE_URL (default
// postgresql://postgres@127.0.0.1:5432/test), in a database of the benchmark's own, dropped after.
import { loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { type SentMessage, TwilioStandIn } from "../support/twilio-standin.ts";
import { sql } from "../support/pg-sql.ts";

const admin = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const SMS_FROM = "+15550001111";
const WA_FROM = "+15550002222";

interface Run {
  name: string;
  channel: "sms" | "whatsapp";
  /** the server's setting for that channel: messages (WhatsApp) or segments (SMS) a second */
  env: Record<string, string>;
  perSecond: number;
  people: number;
  /** the stand-in answers 429 to every send for this long, this many ms into the run */
  throttle?: { afterMs: number; forMs: number };
}

const RUNS: Run[] = [
  { name: "WhatsApp, default", channel: "whatsapp", env: {}, perSecond: 10, people: 300 },
  { name: "SMS long code, default", channel: "sms", env: {}, perSecond: 1, people: 30 },
  {
    name: "SMS Messaging Service, 30/s",
    channel: "sms",
    env: { TWILIO_MESSAGING_SERVICE_SID: `MG${"c3".repeat(16)}`, BROADCAST_SERVICE_SEGMENTS_PER_SECOND: "30" },
    perSecond: 30,
    people: 600,
  },
  {
    name: "WhatsApp 20/s, 429s for 2 s",
    channel: "whatsapp",
    env: { BROADCAST_WHATSAPP_PER_SECOND: "20" },
    perSecond: 20,
    people: 400,
    throttle: { afterMs: 5_000, forMs: 2_000 },
  },
];

/** user+sys CPU seconds a process has used (Linux /proc, in clock ticks of 1/100 s) */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** the most messages that arrived within any one second */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

async function bench(run: Run) {
  const database = await testDatabase({ admin, prefix: "haven_bench" });
  const url = database.url!;
  const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({
      env: { DATABASE_URL: url, TWILIO_API_URL: twilio.url, OUTBOX_POLL_MS: "100", LOG_LEVEL: "info", ...run.env },
    });
    const from = run.channel === "sms" ? SMS_FROM : WA_FROM;
    await sql(
      url,
      `WITH c AS (
        INSERT INTO "Contact" (channel, address, language, "updatesConsent", "lastInboundAt")
        SELECT '${run.channel}', '+3069' || lpad(i::text, 8, '0'), 'en', true, now() FROM generate_series(1, ${run.people}) i
        RETURNING id)
      INSERT INTO "Message" ("contactId", direction, body, "ourAddress", "processedAt")
      SELECT id, 'in', 'hi', '${from}', now() FROM c;
      ANALYZE;`,
    );
    const cpuBefore = cpuSeconds(server.pid);
    const started = Date.now();
    await sql(
      url,
      `INSERT INTO "Broadcast" (title, texts, audience, status, "sendAt")
      VALUES ('bench', '{"en": "The registration office is closed on Monday."}', '{}', 'scheduled', now())`,
    );
    if (run.throttle) {
      const { afterMs, forMs } = run.throttle;
      setTimeout(() => twilio.failFor(forMs, [429]), afterMs);
    }
    for (const deadline = started + run.people * (2000 / run.perSecond) + 60_000; Date.now() < deadline; ) {
      const status = (await sql(url, `SELECT status FROM "Broadcast"`)).rows[0]?.status;
      if (status === "done") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const [b] = (await sql(url, `SELECT throttled FROM "Broadcast"`)).rows as { throttled: number }[];
    const times = twilio.sent.map((m: SentMessage) => m.at).sort((x, y) => x - y);
    const measured = ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!);
    const copies = new Set(twilio.sent.map((m) => m.to)).size;
    return {
      run: run.name,
      "configured /s": run.perSecond,
      messages: times.length,
      "distinct people": copies,
      "measured /s": measured.toFixed(2),
      "off by": `${(((measured - run.perSecond) / run.perSecond) * 100).toFixed(1)} %`,
      "busiest 1 s": busiestSecond(times),
      "429s": `${twilio.rejected.length} (report: ${b?.throttled ?? 0})`,
      "server CPU s": cpu.toFixed(1),
    };
  } finally {
    await server?.stop();
    await twilio.stop();
    await database.drop();
  }
}

const rows = [];
for (const run of RUNS) {
  rows.push(await bench(run));
  console.log(`done: ${run.name}`);
}
console.log(
  `\nload average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1 / 5 / 15 min)`,
);
console.table(rows);
