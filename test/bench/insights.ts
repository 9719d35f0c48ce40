// npm run bench:insights: 100,000 people and 1,000,000 messages with their journeys in a fresh PostgreSQL database
// (test/bench/seed-insights.ts), then the funnel and outcomes pages timed over HTTP through the real server, run as
// npm start runs it (sign-in and session included). Each must answer in under a second.
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) names the server; the benchmark creates and
// drops its own database there. BENCH_PEOPLE and BENCH_MESSAGES change the sizes.
import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { testDatabase } from "../support/database.ts";
import { spawnServer } from "../support/server-process.ts";
import { signedInAnalyst } from "./analyst.ts";
import { sql } from "../support/pg-sql.ts";
import { seedInsights } from "./seed-insights.ts";

const admin = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const RUNS = 5;
const LIMIT_MS = 1000;

const database = await testDatabase({ admin, prefix: "haven_bench" });
const url = new URL(database.url!);
const server = await spawnServer({
  env: {
    DATABASE_URL: url.toString(),
    LOG_LEVEL: "info",
    OFFICE_HOURS: "Mon-Fri 09:00-17:00",
    TIME_ZONE: "Europe/Athens",
  },
});
const db = openDatabase(await databaseTarget(url.toString(), ""));
let slow = 0;
try {
  const started = performance.now();
  await seedInsights(url.toString(), PEOPLE, MESSAGES);
  const count = async (table: string) =>
    Number((await sql(url.toString(), `SELECT count(*) AS n FROM "${table}"`)).rows[0].n).toLocaleString("en");
  console.log(
    `seeded ${await count("Contact")} people, ${await count("Message")} messages, ${await count("JourneyEvent")} journey events, ${await count("JourneyDaily")} daily counts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const staff = await signedInAnalyst(db.prisma, server.url);
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, string][] = [
    ["funnel, menu, last 30 days", "/staff/insights"],
    ["funnel, menu, 90 days", `/staff/insights?from=${day(89)}`],
    ["funnel, menu, a year (counts too)", `/staff/insights?from=${day(364)}`],
    [
      "funnel, case lookup, 90 days, ar + sms",
      `/staff/insights?flow=case_status&from=${day(89)}&language=ar&channel=sms`,
    ],
    ["outcomes, last 30 days", "/staff/insights/outcomes"],
    ["outcomes, 90 days", `/staff/insights/outcomes?from=${day(89)}`],
    ["outcomes, 90 days, fa", `/staff/insights/outcomes?from=${day(89)}&language=fa`],
  ];
  console.log(`\n| page | median | max | (of ${RUNS} runs, after 1 warm-up) |\n|---|---:|---:|---|`);
  for (const [label, path] of cases) {
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await staff.request(path);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      if (i > 0) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    if (median >= LIMIT_MS) slow++;
    console.log(
      `| ${label} | ${median.toFixed(0)} ms | ${(times.at(-1) ?? 0).toFixed(0)} ms | ${median < LIMIT_MS ? "ok" : "SLOW"} |`,
    );
  }
  console.log(
    `\nserver peak RSS ${server.peakRssMb().toFixed(0)} MB; load average ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
} finally {
  await db.close();
  await server.stop();
  await database.drop();
}
if (slow > 0) {
  console.error(`${slow} page(s) took a second or more`);
  process.exitCode = 1;
}
