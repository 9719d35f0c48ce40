// npm run bench [-- --contacts 10000 --rate-seconds 15 --profile]
// The real server in a child process (PGlite in a temp folder, then PostgreSQL in a fresh database when
// DATABASE_URL is set), the Twilio stand-in in this process, autocannon posting signed webhooks from many
// people walking the menu. A bare express route measured in the same run is the base of the ratios.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";
import { signedWebhooks, walkMenu } from "./load.ts";

const { values: args } = parseArgs({
  options: {
    contacts: { type: "string", default: "10000" },
    "rate-seconds": { type: "string", default: "15" },
    rate: { type: "string", default: "200" },
    connections: { type: "string", default: "64" },
    /** which of bare,pglite,postgres to run (postgres needs DATABASE_URL) */
    targets: { type: "string", default: "bare,pglite,postgres" },
    /** write V8 CPU profiles of the server to ./test-artifacts/profiles */
    profile: { type: "boolean", default: false },
    /** publish a content version of 17 locales x 200 texts first: the texts then come through the overlay */
    published: { type: "boolean", default: false },
    /** V8 flags for the server process, e.g. "--max-semi-space-size=4" */
    "node-args": { type: "string" },
  },
});
const CONTACTS = Number(args.contacts);
const RATE = Number(args.rate);
const RATE_SECONDS = Number(args["rate-seconds"]);
const CONNECTIONS = Number(args.connections);

interface Row {
  target: string;
  turnsPerSec: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  /** after the load, every reply sent */
  settledRssMb: number;
  coldStartMs: number;
  note: string;
}

/** Posts each request once, in order, `connections` at a time (or at `rate` per second); the ack latencies. */
async function post(
  url: string,
  requests: { body: string; headers: Record<string, string> }[],
  opts: { rate?: number },
) {
  let next = 0;
  const result = await autocannon({
    url: `${url}/webhooks/twilio`,
    method: "POST",
    connections: opts.rate ? 20 : CONNECTIONS,
    amount: requests.length,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, ...requests[next++ % requests.length] }) }],
  });
  const refused = result.non2xx + result.errors + result.timeouts;
  if (refused > 0)
    throw new Error(
      `${refused} of ${requests.length} webhooks were not answered 200 (${JSON.stringify(result.statusCodeStats)}, errors ${result.errors})`,
    );
  return result;
}

async function bare(): Promise<Row> {
  const server = await spawnServer({ entry: "test/bench/bare-server.js", env: {} });
  try {
    const load = signedWebhooks(walkMenu("+3069100", 20_000, ["hi"]));
    const max = await post(server.url, load, {});
    const paced = await post(server.url, load.slice(0, RATE * RATE_SECONDS), { rate: RATE });
    return {
      target: "bare express route",
      turnsPerSec: max.requests.total / max.duration,
      p50: paced.latency.p50,
      p99: paced.latency.p99,
      peakRssMb: server.peakRssMb(),
      settledRssMb: server.rssMb(),
      coldStartMs: server.coldStartMs,
      note: "requests/s answered (no turn behind them)",
    };
  } finally {
    await server.stop();
  }
}

/** One walk alone, each step awaited: how many replies each step brings (and the code paths warm up). */
async function calibrate(server: ServerProcess, twilio: TwilioStandIn, script: string[]): Promise<number> {
  let total = 0;
  for (const request of signedWebhooks(walkMenu("+3069199", 1, script))) {
    const before = twilio.sent.length;
    await fetch(`${server.url}/webhooks/twilio`, { method: "POST", ...request });
    // settled: nothing new for 300 ms
    let seen = -1;
    while (seen !== twilio.sent.length) {
      seen = twilio.sent.length;
      await new Promise((r) => setTimeout(r, 300));
    }
    total += twilio.sent.length - before;
  }
  return total;
}

async function haven(kind: "pglite" | "postgres"): Promise<Row> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "haven-bench-"));
  const database =
    kind === "postgres" ? await testDatabase({ admin: process.env.DATABASE_URL, prefix: "haven_bench" }) : undefined;
  // the database exists before the measured start, as on every start after the first
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database?.url };
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/db-migrate.ts", "deploy"], { env });
  if (args.published)
    execFileSync(process.execPath, ["--import", "tsx", "test/bench/publish-version.ts"], { env, stdio: "inherit" });
  const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  const server = await spawnServer({
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url,
      TWILIO_API_URL: twilio.url,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    },
    onLine: (line) => {
      if (/"level":[56]0/.test(line)) console.error(line);
    },
    extraNodeArgs: [
      ...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=test-artifacts/profiles/${kind}`] : []),
      ...(args["node-args"]?.split(" ") ?? []),
    ],
  });
  try {
    // the greeting brings the language list, "1" English with the intro, the privacy notice and "may we write to
    // you first?", "2" no (thanks and the menu), "3" the find-help answer
    const script = ["hi", "1", "2", "3"];
    const perWalk = await calibrate(server, twilio, script);
    const turns = signedWebhooks(walkMenu("+3069200", CONTACTS, script));
    const expected = twilio.sent.length + CONTACTS * perWalk;
    const started = performance.now();
    await post(server.url, turns, {});
    await twilio.waitForSent(expected, 600_000);
    const turnsPerSec = turns.length / ((performance.now() - started) / 1000);

    const rateContacts = Math.ceil((RATE * RATE_SECONDS) / script.length);
    const paced = await post(server.url, signedWebhooks(walkMenu("+3069300", rateContacts, script)), { rate: RATE });
    await twilio.waitForSent(expected + rateContacts * perWalk, 600_000);
    await new Promise((r) => setTimeout(r, 2_000));
    return {
      target: `Haven on ${kind === "postgres" ? "PostgreSQL" : "PGlite"}`,
      turnsPerSec,
      p50: paced.latency.p50,
      p99: paced.latency.p99,
      peakRssMb: server.peakRssMb(),
      settledRssMb: server.rssMb(),
      coldStartMs: server.coldStartMs,
      note: `${turns.length} turns from ${CONTACTS} people, ${perWalk} replies per walk of ${script.length} messages`,
    };
  } finally {
    await server.stop();
    await twilio.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const targets = args.targets.split(",");
const rows = [await bare()];
if (targets.includes("pglite")) rows.push(await haven("pglite"));
if (targets.includes("postgres") && process.env.DATABASE_URL) rows.push(await haven("postgres"));

const base = rows[0]!;
const fmt = (n: number, digits = 0) => n.toFixed(digits);
console.log(
  `\n${CONTACTS} people walking the menu; ack latency at ${RATE} msg/s for ${RATE_SECONDS} s` +
    `${args.published ? "; texts from a published content version (17 locales x 200 texts)" : ""}; ${new Date().toISOString()}\n`,
);
console.log(`| | turns/s | ack p50 / p99 at ${RATE} msg/s | peak RSS | RSS after | cold start |`);
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  const ratio = r === base ? "" : ` (${fmt((100 * r.turnsPerSec) / base.turnsPerSec, 1)} % of base)`;
  console.log(
    `| ${r.target} | ${fmt(r.turnsPerSec)}${ratio} | ${r.p50} / ${r.p99} ms | ${fmt(r.peakRssMb)} MB | ${fmt(r.settledRssMb)} MB | ${fmt(r.coldStartMs)} ms |`,
  );
}
console.log("");
for (const r of rows) console.log(`${r.target}: ${r.note}`);
