// npm run bench [-- --contacts 2000 --seconds 30 --targets pglite,postgres --seeded --peer --processes 1,2,4
//                   --crowd 50000 --soak --soak-minutes 10 --profile]
// What a person feels, measured on the real server in child processes (as npm start runs it), a Twilio stand-in
// here, webhooks signed as Twilio signs them:
// - throughput: `contacts` people walk the menu, `connections` posting at a time (closed loop); turns/s counts
//   until the stand-in has every reply, with the server's CPU per turn;
// - reply wait: people take the deep walk (language, menu, case lookup, find help, report a need), staggered, at a fixed
//   open-loop rate; each message's wait from its post to its first and last reply at the stand-in;
// - every person's replies checked: exactly the expected ones, in order, none twice, or the bench fails.
// PostgreSQL targets need DATABASE_URL (a server it can create databases on).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/harness.ts";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";
import { spawnBotkitPeer } from "./botkit-peer.ts";
import { closedLoop, openLoop, type SignedRequest } from "./load-generator.ts";
import { signedWebhooks, walkMenu, walkStaggered } from "./load.ts";
import { calibrate, checkReplies, type Expected, percentile, settle } from "./replies.ts";
import { seedVolume } from "./seed-volume.ts";

const { values: args } = parseArgs({
  options: {
    contacts: { type: "string", default: "2000" },
    connections: { type: "string", default: "64" },
    /** how long the open-loop rate runs */
    seconds: { type: "string", default: "30" },
    "rate-postgres": { type: "string", default: "200" },
    "rate-pglite": { type: "string", default: "100" },
    targets: { type: "string", default: "pglite,postgres" },
    /** PostgreSQL again on a database holding 100,000 people and 1,000,000 messages */
    seeded: { type: "boolean", default: false },
    /** the botkit peer, A B A B against Haven on PostgreSQL (or PGlite without DATABASE_URL) */
    peer: { type: "boolean", default: false },
    /** throughput with N server processes on one PostgreSQL, e.g. "1,2,4" */
    processes: { type: "string" },
    /** this many people walking the menu at once: do replies keep pace with turns? */
    crowd: { type: "string" },
    soak: { type: "boolean", default: false },
    /** only the modes asked for (--peer, --processes, --crowd, --soak), not the table of targets */
    "modes-only": { type: "boolean", default: false },
    "soak-minutes": { type: "string", default: "10" },
    /** write V8 CPU profiles of the server to ./test-artifacts/profiles */
    profile: { type: "boolean", default: false },
    /** V8 flags for the server process, e.g. "--max-semi-space-size=4" */
    "node-args": { type: "string" },
  },
});
const CONTACTS = Number(args.contacts);
const CONNECTIONS = Number(args.connections);
const SECONDS = Number(args.seconds);
const PG_URL = process.env.DATABASE_URL;

// the greeting brings the language list, "1" English with the intro, the privacy notice and "may we write to you
// first?", "2" no (thanks and the menu), "3" find help's first question
const MENU_WALK = ["hi", "1", "2", "3"];
// then a case looked up (a demo case and its PIN), back to the menu, find help (health care in Athens, two
// partners offered, "no, thank you"), and a need reported (food, this week, Athens, in the person's words)
const DEEP_WALK = [
  ...["hi", "1", "2"],
  ...["2", "DEMO-1001", "1234", "menu"],
  ...["3", "1", "1", "2", "menu"],
  ...["4", "5", "2", "1", "We have no food for the children"],
];

/** One server (or several behind a balancer without affinity) and the stand-in its replies go to. */
interface Target {
  name: string;
  servers: ServerProcess[];
  twilio: TwilioStandIn;
  stop(): Promise<void>;
}

const load1 = () => loadavg()[0]!.toFixed(1);
/** where the run is, on stderr: a full run takes a while */
const progress = (what: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${what} (load ${load1()})`);
const cpuSeconds = (t: Target) => t.servers.reduce((sum, s) => sum + s.cpuSeconds(), 0);
let nextPrefix = 10;
/** each measured crowd writes from numbers of its own: +3069 PP nnnnnn */
const newPrefix = () => `+3069${nextPrefix++}`;

async function startHaven(kind: "pglite" | "postgres", opts: { seeded?: boolean; processes?: number } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "haven-bench-"));
  const database = kind === "postgres" ? await testDatabase({ admin: PG_URL, prefix: "haven_bench" }) : undefined;
  // the demo cases' appointments are in Greece
  const env = { DATA_DIR: dataDir, DATABASE_URL: database?.url, TIME_ZONE: "Europe/Athens" };
  // the database exists and holds the demo cases and partners before the measured start
  for (const cli of ["src/cli/db-migrate.ts", "src/cli/seed.ts"])
    execFileSync(process.execPath, ["--import", "tsx", cli, "deploy"], { env: { ...process.env, ...env } });
  if (opts.seeded && database?.url) {
    const seconds = await seedVolume(database.url);
    console.log(`seeded 100,000 people and 1,000,000 messages in ${seconds.toFixed(1)} s (load ${load1()})`);
  }
  const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  const servers = await Promise.all(
    Array.from({ length: opts.processes ?? 1 }, (_, i) =>
      spawnServer({
        env: { ...env, TWILIO_API_URL: twilio.url, LOG_LEVEL: "info" },
        onLine: (line) => {
          if (/"level":[56]0/.test(line)) console.error(line);
        },
        extraNodeArgs: [
          ...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=test-artifacts/profiles/${kind}-${i}`] : []),
          ...(args["node-args"]?.split(" ") ?? []),
        ],
      }),
    ),
  );
  const name = `Haven on ${kind === "postgres" ? "PostgreSQL" : "PGlite"}${opts.seeded ? ", seeded" : ""}`;
  return {
    name: opts.processes ? `${name}, ${opts.processes} processes` : name,
    servers,
    twilio,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await twilio.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  } satisfies Target;
}

async function startPeer(expected: Expected): Promise<Target> {
  const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  const server = await spawnBotkitPeer(
    twilio.url,
    expected.map((replies) => replies.length),
  );
  return {
    name: "botkit 4 peer (in memory)",
    servers: [server],
    twilio,
    async stop() {
      await server.stop();
      await twilio.stop();
    },
  };
}

const postTo = (t: Target) => (request: SignedRequest) =>
  fetch(`${t.servers[0]!.url}/webhooks/twilio`, { method: "POST", ...request });

/** The walk's replies, one person alone; the walk also warms the code paths up. */
function calibrateWalk(t: Target, script: string[]): Promise<Expected> {
  progress(`${t.name}: one walk of ${script.length} messages alone`);
  return calibrate(postTo(t), t.twilio, newPrefix(), script);
}

interface Throughput {
  people: number;
  turns: number;
  /** webhooks answered per second */
  acksPerSec: number;
  /** turns per second until the stand-in had every reply */
  turnsPerSec: number;
  repliesPerSec: number;
  cpuMsPerTurn: number;
  load: string;
}

/** `people` walk the menu, `connections` posts at a time; every reply checked. */
async function throughput(t: Target, expected: Expected, people: number): Promise<Throughput> {
  progress(`${t.name}: throughput, ${people} people`);
  const said = walkMenu(newPrefix(), people, MENU_WALK);
  const requests = signedWebhooks(said);
  const before = t.twilio.sent.length;
  const replies = people * expected.flat().length;
  const cpu = cpuSeconds(t);
  const started = Date.now();
  const posted = await closedLoop(
    t.servers.map((s) => s.url),
    requests,
    CONNECTIONS,
  );
  const ackSeconds = (Date.now() - started) / 1000;
  await settle(t.twilio, before + replies);
  const seconds = (t.twilio.sent.at(-1)!.at - started) / 1000;
  checkReplies(t.twilio.sent.slice(before), said, posted, expected);
  return {
    people,
    turns: said.length,
    acksPerSec: said.length / ackSeconds,
    turnsPerSec: said.length / seconds,
    repliesPerSec: replies / seconds,
    cpuMsPerTurn: ((cpuSeconds(t) - cpu) * 1000) / said.length,
    load: load1(),
  };
}

interface ReplyWait {
  rate: number;
  people: number;
  firstP50: number;
  firstP99: number;
  lastP99: number;
  /** how late the load generator posted against its clock (p99): large means the bench itself lagged */
  lateP99: number;
  cpuMsPerTurn: number;
  load: string;
}

/** People take the deep walk at `rate` messages/s, posted on a fixed clock; each message's wait for its replies. */
async function replyWait(
  t: Target,
  expected: Expected,
  rate: number,
  seconds: number,
  onTick?: () => void,
): Promise<ReplyWait> {
  const people = Math.ceil((rate * seconds) / DEEP_WALK.length);
  progress(`${t.name}: reply wait at ${rate} msg/s, ${people} people`);
  const said = walkStaggered(newPrefix(), people, DEEP_WALK);
  const requests = signedWebhooks(said);
  const before = t.twilio.sent.length;
  const cpu = cpuSeconds(t);
  const ticker = onTick ? setInterval(onTick, 5_000) : undefined;
  const posted = await openLoop(
    t.servers.map((s) => s.url),
    requests,
    rate,
  ).finally(() => clearInterval(ticker));
  await settle(t.twilio, before + people * expected.flat().length);
  const waits = checkReplies(t.twilio.sent.slice(before), said, posted, expected);
  return {
    rate,
    people,
    firstP50: percentile(waits.first, 50),
    firstP99: percentile(waits.first, 99),
    lastP99: percentile(waits.last, 99),
    lateP99: percentile(
      posted.map((p) => p.lateMs),
      99,
    ),
    cpuMsPerTurn: ((cpuSeconds(t) - cpu) * 1000) / said.length,
    load: load1(),
  };
}

interface Row {
  name: string;
  throughput: Throughput;
  wait: ReplyWait;
  peakRssMb: number;
  settledRssMb: number;
}

/** Throughput, then the reply wait at the target's rate, then its memory. */
async function measure(t: Target, rate: number): Promise<Row> {
  const menu = await calibrateWalk(t, MENU_WALK);
  const deep = await calibrateWalk(t, DEEP_WALK);
  const row = {
    name: t.name,
    throughput: await throughput(t, menu, CONTACTS),
    wait: await replyWait(t, deep, rate, SECONDS),
  };
  await new Promise((r) => setTimeout(r, 2_000));
  const memory = {
    peakRssMb: Math.max(...t.servers.map((s) => s.peakRssMb())),
    settledRssMb: Math.max(...t.servers.map((s) => s.rssMb())),
  };
  return { ...row, ...memory };
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

function printRows(rows: Row[]): void {
  console.log(
    "\n| | turns/s (closed loop) | server CPU per turn | reply wait p50 / p99, first reply (p99 last) | at | " +
      "bench late p99 | peak / settled RSS | load avg |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const { throughput: t, wait: w } = r;
    console.log(
      `| ${r.name} | ${fmt(t.turnsPerSec)} | ${fmt(t.cpuMsPerTurn, 2)} ms | ${fmt(w.firstP50)} / ${fmt(w.firstP99)} ms` +
        ` (${fmt(w.lastP99)}) | ${w.rate} msg/s, ${fmt(w.people)} people | ${fmt(w.lateP99, 1)} ms |` +
        ` ${fmt(r.peakRssMb)} / ${fmt(r.settledRssMb)} MB | ${t.load}, ${w.load} |`,
    );
  }
}

const rateOf = (kind: "pglite" | "postgres") =>
  Number(kind === "postgres" ? args["rate-postgres"] : args["rate-pglite"]);
const kinds = args.targets
  .split(",")
  .filter((k): k is "pglite" | "postgres" => k === "pglite" || (k === "postgres" && !!PG_URL));

async function measured(t: Target, rate: number): Promise<Row> {
  try {
    return await measure(t, rate);
  } finally {
    await t.stop();
  }
}

console.log(
  `${new Date().toISOString()}; ${CONTACTS} people walking the menu (${MENU_WALK.length} messages) for throughput, ` +
    `${CONNECTIONS} posting at a time; the deep walk (${DEEP_WALK.length} messages) at a fixed rate for ${SECONDS} s`,
);
const rows: Row[] = [];
if (!args["modes-only"]) for (const kind of kinds) rows.push(await measured(await startHaven(kind), rateOf(kind)));
if (args.seeded && PG_URL)
  rows.push(await measured(await startHaven("postgres", { seeded: true }), rateOf("postgres")));
if (rows.length > 0) printRows(rows);
const empty = rows.find((r) => r.name === "Haven on PostgreSQL");
const seeded = rows.find((r) => r.name.endsWith("seeded"));
if (empty && seeded)
  console.log(
    `\nseeded / empty: turns/s ${fmt(seeded.throughput.turnsPerSec / empty.throughput.turnsPerSec, 2)}, ` +
      `reply p99 ${fmt(seeded.wait.firstP99 / empty.wait.firstP99, 2)}`,
  );

if (args.peer) await peerPairs(kinds.includes("postgres") ? "postgres" : "pglite");
if (args.processes) await scaling(args.processes.split(",").map(Number));
if (args.crowd) await crowd(Number(args.crowd));
if (args.soak) await soak(Number(args["soak-minutes"]));

/** Haven and the peer, each running, measured in turn A B A B; the ratios of each pair. */
async function peerPairs(kind: "pglite" | "postgres"): Promise<void> {
  const haven = await startHaven(kind);
  const menu = await calibrateWalk(haven, MENU_WALK);
  const deep = await calibrateWalk(haven, DEEP_WALK);
  const peer = await startPeer(deep);
  const pairs: Row[][] = [];
  try {
    const peerMenu = await calibrateWalk(peer, MENU_WALK);
    const peerDeep = await calibrateWalk(peer, DEEP_WALK);
    // a crowd each before the pairs, not counted: a server's first crowd met code V8 had not optimised yet and an
    // empty database, and was Haven's slower pair in each of four runs; a help line runs for days
    const warm = [await throughput(haven, menu, CONTACTS), await throughput(peer, peerMenu, CONTACTS)];
    console.error(`warm-up, not counted: ${warm.map((w) => `${fmt(w.turnsPerSec, 0)} turns/s`).join(" and ")}`);
    for (let pair = 0; pair < 2; pair++) {
      const rowOf = async (t: Target, m: Expected, d: Expected): Promise<Row> => ({
        name: `${t.name} (pair ${pair + 1})`,
        throughput: await throughput(t, m, CONTACTS),
        wait: await replyWait(t, d, rateOf(kind), SECONDS),
        peakRssMb: t.servers[0]!.peakRssMb(),
        settledRssMb: t.servers[0]!.rssMb(),
      });
      pairs.push([await rowOf(haven, menu, deep), await rowOf(peer, peerMenu, peerDeep)]);
    }
  } finally {
    await haven.stop();
    await peer.stop();
  }
  console.log(`\nHaven on ${kind} and the botkit peer, A B A B:`);
  printRows(pairs.flat());
  const ratios = pairs.map(([h, p]) => h!.throughput.turnsPerSec / p!.throughput.turnsPerSec);
  const cpuRatios = pairs.map(([h, p]) => p!.throughput.cpuMsPerTurn / h!.throughput.cpuMsPerTurn);
  console.log(
    `Haven / peer turns/s per pair: ${ratios.map((r) => fmt(r, 2)).join(", ")} (median ${fmt(median(ratios), 2)}); ` +
      `peer / Haven CPU per turn: ${cpuRatios.map((r) => fmt(r, 2)).join(", ")}`,
  );
}

/** N processes on one PostgreSQL, requests spread without affinity: turns/s, order per person checked. */
async function scaling(counts: number[]): Promise<void> {
  console.log("\n| server processes | turns/s | replies/s | server CPU per turn | load avg |\n|---|---|---|---|---|");
  for (const processes of counts) {
    const t = await startHaven("postgres", { processes });
    try {
      const menu = await calibrateWalk(t, MENU_WALK);
      const r = await throughput(t, menu, CONTACTS);
      console.log(
        `| ${processes} | ${fmt(r.turnsPerSec)} | ${fmt(r.repliesPerSec)} | ${fmt(r.cpuMsPerTurn, 2)} ms | ${r.load} |`,
      );
    } finally {
      await t.stop();
    }
  }
}

/** Many people at once walking the menu: how fast turns are taken in and how fast replies go out. */
async function crowd(people: number): Promise<void> {
  const kind = kinds.includes("postgres") ? "postgres" : "pglite";
  const t = await startHaven(kind);
  try {
    const r = await throughput(t, await calibrateWalk(t, MENU_WALK), people);
    console.log(
      `\n${fmt(people)} people walking the menu on ${kind} (${fmt(r.turns)} messages): webhooks answered ` +
        `${fmt(r.acksPerSec)}/s; until every reply: ${fmt(r.turnsPerSec)} turns/s, ${fmt(r.repliesPerSec)} replies/s; ` +
        `server CPU ${fmt(r.cpuMsPerTurn, 2)} ms per turn; load ${r.load}`,
    );
  } finally {
    await t.stop();
  }
}

/** The deep walk at the fixed rate for `minutes`, RSS sampled every 5 s: does memory grow? */
async function soak(minutes: number): Promise<void> {
  const kind = kinds.includes("postgres") ? "postgres" : "pglite";
  const t = await startHaven(kind);
  const samples: { at: number; rssMb: number }[] = [];
  const started = Date.now();
  try {
    const deep = await calibrateWalk(t, DEEP_WALK);
    const sample = () => samples.push({ at: (Date.now() - started) / 1000, rssMb: t.servers[0]!.rssMb() });
    const w = await replyWait(t, deep, rateOf(kind), minutes * 60, sample);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const avg = (s: typeof samples) => s.reduce((sum, x) => sum + x.rssMb, 0) / s.length;
    const early = avg(samples.slice(third, 2 * third));
    const late = avg(samples.slice(-third));
    console.log(
      `\nsoak on ${kind}: ${minutes} min at ${w.rate} msg/s (${fmt(w.people)} people, deep walk), reply p50 / p99 ` +
        `${fmt(w.firstP50)} / ${fmt(w.firstP99)} ms; RSS every 5 s: ${samples.map((s) => fmt(s.rssMb)).join(" ")} MB; ` +
        `mean of the middle third ${fmt(early)} MB, of the last third ${fmt(late)} MB (${fmt(late - early, 1)} MB); ` +
        `peak ${fmt(t.servers[0]!.peakRssMb())} MB; server CPU ${fmt(w.cpuMsPerTurn, 2)} ms per turn; load ${w.load}`,
    );
  } finally {
    await t.stop();
  }
}
