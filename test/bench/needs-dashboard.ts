// npm run bench:needs: 100,000 needs in a fresh PostgreSQL database, then the needs dashboard and its
// exports timed over HTTP through the real server, run as npm start runs it (sign-in, session, CSRF and
// audit included); prints the server's peak resident memory, since exports are the largest answers it gives.
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) names the server; the
// benchmark creates and drops its own database there. BENCH_NEEDS changes the number of needs.
import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { testDatabase } from "../support/database.ts";
import { sql } from "../support/pg-sql.ts";
import { signedInAnalyst } from "./analyst.ts";
import { spawnServer } from "../support/server-process.ts";

const admin = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const NEEDS = Number(process.env.BENCH_NEEDS ?? 100_000);
const RUNS = 5;

const database = await testDatabase({ admin, prefix: "haven_bench" });
// given an admin URL, the database is PostgreSQL's and has one
const url = new URL(database.url!);
// the server applies the migrations; then this process seeds the same database
const server = await spawnServer({ env: { DATABASE_URL: url.toString(), LOG_LEVEL: "info" } });
const db = openDatabase(await databaseTarget(url.toString(), ""));
try {
  let t = performance.now();
  // one contact per five needs; a year of needs; a tenth with a voice note (the queue counts them)
  await sql(
    url.toString(),
    `
    INSERT INTO "Contact" ("channel", "address") SELECT 'whatsapp', '+3069' || lpad(i::text, 8, '0') FROM generate_series(1, ${Math.ceil(NEEDS / 5)}) i;
    INSERT INTO "Need" ("reference", "contactId", "category", "urgency", "area", "areaOther", "text", "language", "channel", "status", "createdAt")
    SELECT 'N-' || upper(lpad(to_hex(i), 6, '0')), 1 + (i % ${Math.ceil(NEEDS / 5)}),
           (ARRAY['health','mental_health','legal','shelter','food','cash','education','child_protection','gbv','womens_health','documentation','livelihoods'])[1 + floor(power(random(), 2) * 12)::int],
           (ARRAY['today','week','can_wait'])[1 + floor(random() * 3)::int],
           (ARRAY['athens','thessaloniki','lesvos','samos','ioannina','other'])[1 + floor(power(random(), 1.5) * 6)::int],
           NULL, 'We need help with ' || md5(i::text) || ', please, the children are with us',
           (ARRAY['ar','fa','ps','fr','en','uk','so','ti','ku','ur'])[1 + floor(power(random(), 2) * 10)::int],
           (ARRAY['whatsapp','sms'])[1 + floor(random() * 2)::int],
           (ARRAY['new','reviewed','referred','resolved'])[1 + floor(random() * 4)::int],
           now() - random() * interval '365 days'
      FROM generate_series(1, ${NEEDS}) i;
    INSERT INTO "NeedAttachment" ("needId", "url", "contentType") SELECT "id", 'https://api.twilio.com/media/' || "id", 'audio/ogg' FROM "Need" WHERE "id" % 10 = 0;
    ANALYZE;`,
  );
  console.log(
    `seeded ${NEEDS.toLocaleString("en")} needs in ${((performance.now() - t) / 1000).toFixed(1)} s (PostgreSQL ${(await sql(url.toString(), "SHOW server_version")).rows[0].server_version})`,
  );

  const staff = await signedInAnalyst(db.prisma, server.url);
  const recent = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, string][] = [
    ["page, no filter", "/staff/needs"],
    ["page, 90 days + category + urgency", `/staff/needs?from=${recent}&category=shelter&urgency=today`],
    ["page, area + language + status", "/staff/needs?area=athens&language=ar&status=new"],
    ["rows export, all needs", "/staff/needs/export.csv"],
    ["rows export, 90 days", `/staff/needs/export.csv?from=${recent}`],
    ["counts export, all needs", "/staff/needs/aggregates.csv"],
  ];
  console.log(
    `\n${"request".padEnd(38)} ${"median".padStart(8)} ${"max".padStart(8)}   size (of ${RUNS} runs, after 1 warm-up)`,
  );
  for (const [label, path] of cases) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i <= RUNS; i++) {
      t = performance.now();
      const res = await staff.request(path);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      if (i > 0) times.push(performance.now() - t);
      size = body.length;
    }
    times.sort((a, b) => a - b);
    const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
    console.log(
      `${label.padEnd(38)} ${ms(times[Math.floor(times.length / 2)] ?? 0)} ${ms(times.at(-1) ?? 0)}   ${(size / 1024).toFixed(0)} kB`,
    );
  }
  console.log(`\nserver peak RSS ${server.peakRssMb().toFixed(0)} MB, run with npm start's node flags`);
} finally {
  await db.close();
  await server.stop();
  await database.drop();
}
