import { type Database, databaseTarget, openDatabase } from "../../src/db/database.ts";
import { funnel } from "../../src/domain/insights/funnel-repository.ts";
import { periodOf } from "../../src/domain/insights/period.ts";
import { rollUpJourneys } from "../../src/domain/insights/retention.ts";
import { type TestDatabase, testDatabase } from "../support/database.ts";

// The funnel's figures against answers worked out by hand from a few journey events and daily counts.
let database: TestDatabase;
let db: Database;
const HOUR = 3600;
const period = periodOf({ from: "2026-11-01", to: "2026-11-02" }); // both days, to 2026-11-03 00:00
const later = new Date("2026-12-01T00:00:00Z");

type Kind = "reached" | "asked" | "answered" | "retried" | "handoff" | "outcome" | "left";
async function point(flow: string, node: string, outcome = ""): Promise<number> {
  return (await db.prisma.journeyNode.create({ data: { flow, node, outcome } })).id;
}
const event = (
  nodeId: number,
  kind: Kind,
  at: string,
  more: { waited?: number; language?: string; channel?: string } = {},
) =>
  db.prisma.journeyEvent.create({
    data: {
      nodeId,
      kind,
      at: new Date(`${at}Z`),
      language: more.language ?? "en",
      channel: more.channel ?? "sms",
      waitedSeconds: more.waited ?? null,
    },
  });

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  database = await testDatabase();
  db = openDatabase(await databaseTarget(database.url, database.dataDir));
  const q = await point("f", "q");
  const a = await point("f", "a");
  const ok = await point("f", "a", "ok");
  const other = await point("g", "q");
  // a question put three times in the period (en, sms)
  await event(q, "asked", "2026-11-01T10:00:00");
  await event(q, "answered", "2026-11-01T10:01:00", { waited: 60 }); // in time
  await event(q, "asked", "2026-11-01T11:00:00");
  await event(q, "handoff", "2026-11-01T12:00:00");
  await event(q, "retried", "2026-11-01T13:00:00", { waited: 2 * HOUR }); // too late: left
  await event(q, "answered", "2026-11-01T13:01:00"); // not a first reply
  await event(q, "asked", "2026-11-02T23:30:00");
  await event(q, "answered", "2026-11-03T00:10:00", { waited: 40 * 60 }); // after the period, to a question in it
  // put before the period, answered in it: an answer of the period, no question of it
  await event(q, "asked", "2026-10-31T23:00:00");
  await event(q, "answered", "2026-11-01T00:30:00", { waited: 90 * 60 });
  // French on WhatsApp, never answered
  await event(q, "asked", "2026-11-01T15:00:00", { language: "fr", channel: "whatsapp" });
  // an action and its outcome
  for (const at of ["2026-11-01T10:02:00", "2026-11-02T09:00:00"]) {
    await event(a, "reached", at);
    await event(ok, "outcome", at);
  }
  await event(other, "asked", "2026-11-01T10:00:00"); // another flow
  await event(await point("h", "q"), "asked", "2026-11-02T23:30:00"); // never answered
  // rolled up by retention: a day in the period and one before it
  await db.prisma.journeyDaily.createMany({
    data: [
      { day: new Date("2026-11-02"), nodeId: q, kind: "asked", language: "en", channel: "sms", count: 5 },
      { day: new Date("2026-11-02"), nodeId: q, kind: "answered", language: "en", channel: "sms", count: 3 },
      { day: new Date("2026-11-02"), nodeId: q, kind: "left", language: "en", channel: "sms", count: 2 },
      { day: new Date("2026-10-31"), nodeId: q, kind: "asked", language: "en", channel: "sms", count: 50 },
    ],
  });
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const byPoint = (rows: Awaited<ReturnType<typeof funnel>>) =>
  Object.fromEntries(rows.map(({ node, outcome, ...n }) => [`${node}${outcome ? `:${outcome}` : ""}`, n]));

test("reached, answered, not understood, a person asked and left, kept events and daily counts together", async () => {
  expect(byPoint(await funnel(db.prisma, "f", {}, period, HOUR, later))).toEqual({
    // 4 questions put + 5 counted; answers 10:01, 13:01, 00:30 + 3; left: 11:00 (late), the French one + 2
    q: { reached: 9, answered: 6, retried: 1, handoff: 1, left: 4 },
    a: { reached: 2, answered: 0, retried: 0, handoff: 0, left: 0 },
    "a:ok": { reached: 2, answered: 0, retried: 0, handoff: 0, left: 0 },
  });
});

test("by language and by channel", async () => {
  expect(byPoint(await funnel(db.prisma, "f", { language: "en" }, period, HOUR, later)).q).toEqual({
    reached: 8,
    answered: 6,
    retried: 1,
    handoff: 1,
    left: 3,
  });
  expect(byPoint(await funnel(db.prisma, "f", { channel: "whatsapp" }, period, HOUR, later)).q).toEqual({
    reached: 1,
    answered: 0,
    retried: 0,
    handoff: 0,
    left: 1,
  });
});

test("a question put less than the left-after time ago is not left yet; a longer left-after forgives the late reply", async () => {
  const soon = new Date("2026-11-02T23:45:00Z"); // the 23:30 question is still waiting
  expect(byPoint(await funnel(db.prisma, "h", {}, period, HOUR, soon)).q?.left).toBe(0);
  expect(byPoint(await funnel(db.prisma, "h", {}, period, HOUR, later)).q?.left).toBe(1);
  // f: of 4 questions put, 10:00, 13:00 (2 h) and 00:10 were answered in 3 h: the French one left, and 2 counted
  const patient = 3 * HOUR; // the 13:00 reply (2 h) is now in time
  expect(byPoint(await funnel(db.prisma, "f", {}, period, patient, later)).q?.left).toBe(3);
});

test("retention turns the days past EVENT_RETENTION_DAYS into daily counts: the funnel's figures stay, the rows go", async () => {
  const before = await funnel(db.prisma, "f", {}, period, HOUR, later);
  const kept = await db.prisma.journeyEvent.count();
  // run on 2026-11-03 02:00 keeping 1 day: the days before 2026-11-02 go (the 00:30 answer, the 10-31 question too)
  const rolled = await rollUpJourneys(db.prisma, { days: 1, leftAfterSeconds: HOUR }, new Date("2026-11-03T02:00:00Z"));
  expect(rolled.before).toEqual(new Date("2026-11-02T00:00:00Z"));
  const gone = kept - (await db.prisma.journeyEvent.count());
  expect(rolled.events).toBe(gone);
  // f/q: 10-31's question and its answer, 11-01's 2 questions, 3 replies, a handover and the French one; a: 2; g: 1
  expect(gone).toBe(9 + 2 + 1);
  expect(await funnel(db.prisma, "f", {}, period, HOUR, later)).toEqual(expect.arrayContaining(before));
  // the question of 10-31 was answered in 90 min: left that day, counted so
  const left = await db.prisma.journeyDaily.findMany({
    where: { kind: "left" },
    orderBy: [{ day: "asc" }, { nodeId: "asc" }, { language: "asc" }],
  });
  expect(left.map((d) => [d.day.toISOString().slice(0, 10), d.language, d.count])).toEqual([
    ["2026-10-31", "en", 1],
    ["2026-11-01", "en", 1], // 11:00, its first reply 2 h late
    ["2026-11-01", "fr", 1],
    ["2026-11-01", "en", 1], // flow g
    ["2026-11-02", "en", 2], // counted before
  ]);
});
