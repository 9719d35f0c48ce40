import { type Database, databaseTarget, openDatabase } from "../../src/db/database.ts";
import { parseOfficeHours } from "../../src/domain/handoff/office-hours.ts";
import {
  caseLookups,
  handoffFigures,
  needsByStatus,
  referralsByStatus,
} from "../../src/domain/insights/outcomes-repository.ts";
import { periodOf } from "../../src/domain/insights/period.ts";
import { type TestDatabase, testDatabase } from "../support/database.ts";

// The outcomes' figures against answers worked out by hand from a few rows.
let database: TestDatabase;
let db: Database;
const period = periodOf({ from: "2026-11-02", to: "2026-11-08" }); // Monday to Sunday
const at = (s: string) => new Date(`${s}Z`);
const MIN = 60;

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  database = await testDatabase();
  db = openDatabase(await databaseTarget(database.url, database.dataDir));
  const p = db.prisma;
  const staff = await p.staffUser.create({
    data: { email: "amal@example.org", role: "caseworker", passwordHash: "x" },
  });
  let n = 0;
  const person = async (language: string, channel = "whatsapp", wrote = "2026-11-03T09:00:00") => {
    const c = await p.contact.create({ data: { channel, address: `+3069000${n++}`, language } });
    await p.message.create({
      data: { contactId: c.id, direction: "in", body: "hi", ourAddress: "+1", createdAt: at(wrote) },
    });
    return c.id;
  };
  const reply = (contactId: number, when: string, staffUserId: number | null = staff.id) =>
    p.message.create({
      data: { contactId, direction: "out", body: "ok", ourAddress: "+1", staffUserId, createdAt: at(when) },
    });
  const handover = (contactId: number, escalatedAt: string, more: { urgent?: boolean; closedAt?: string } = {}) =>
    p.conversation.create({
      data: {
        contactId,
        status: more.closedAt ? "closed" : "with_person",
        urgent: more.urgent ?? false,
        escalatedAt: at(escalatedAt),
        updatedAt: at(more.closedAt ?? escalatedAt),
        assigneeId: staff.id,
      },
    });
  // Tuesday 10:00 UTC (12:00 in Athens): answered in 10 min by a caseworker (the bot's reply before is not one), closed after 2 h
  const a = await person("ar");
  await handover(a, "2026-11-03T10:00:00", { closedAt: "2026-11-03T12:00:00" });
  await reply(a, "2026-11-03T10:05:00", null);
  await reply(a, "2026-11-03T10:10:00");
  await reply(a, "2026-11-03T10:20:00");
  // urgent, Saturday (out of hours): answered in 30 min
  const b = await person("ar", "sms");
  await handover(b, "2026-11-07T20:00:00", { urgent: true });
  await reply(b, "2026-11-07T20:30:00");
  // Wednesday 16:30 UTC = 18:30 Athens (out of hours): answered in 50 min; closed after 4 h
  const c = await person("fa");
  await handover(c, "2026-11-04T16:30:00", { closedAt: "2026-11-04T20:30:00" });
  await reply(c, "2026-11-04T17:20:00");
  // not answered yet
  const d = await person("fa");
  await handover(d, "2026-11-05T08:00:00");
  // handed over before the period: not counted; wrote in it: counted among people
  const e = await person("en");
  await handover(e, "2026-10-30T08:00:00");
  await person("en", "whatsapp", "2026-10-20T08:00:00"); // wrote before the period only

  // needs and referrals
  const partner = await p.partner.create({
    data: { code: "p1", name: "P", services: [], areas: [], languages: [], hours: "" },
  });
  const referral = (status: string, createdAt: string, contactId: number | null = a) =>
    p.referral.create({
      data: {
        contactId,
        partnerId: partner.id,
        service: "legal",
        name: "A",
        consentAt: at(createdAt),
        status,
        createdAt: at(createdAt),
      },
    });
  await referral("new", "2026-11-03T10:00:00");
  await referral("contacted", "2026-11-04T10:00:00");
  await referral("received", "2026-11-05T10:00:00", b);
  await referral("received", "2026-11-01T10:00:00"); // before
  const need = (status: string, createdAt: string, language = "ar") =>
    p.need.create({
      data: {
        reference: `N-${n++}`,
        category: "food",
        urgency: "week",
        area: "athens",
        text: "",
        language,
        channel: "whatsapp",
        status,
        createdAt: at(createdAt),
      },
    });
  await need("new", "2026-11-03T10:00:00");
  await need("new", "2026-11-04T10:00:00", "fa");
  await need("resolved", "2026-11-05T10:00:00");
  await need("resolved", "2026-11-09T10:00:00"); // after

  // case lookups: outcomes of check_case's node, kept and counted per day
  const node = async (outcome: string) =>
    (await p.journeyNode.create({ data: { flow: "case_status", node: "look_up", outcome } })).id;
  const found = await node("found");
  const locked = await node("locked");
  const other = (await p.journeyNode.create({ data: { flow: "find_help", node: "search", outcome: "found" } })).id;
  const event = (nodeId: number, when: string, language = "ar") =>
    p.journeyEvent.create({ data: { nodeId, kind: "outcome", at: at(when), language, channel: "whatsapp" } });
  await event(found, "2026-11-03T10:00:00");
  await event(found, "2026-11-04T10:00:00", "fa");
  await event(locked, "2026-11-04T11:00:00");
  await event(other, "2026-11-04T11:00:00"); // another action's "found"
  await p.journeyDaily.create({
    data: { day: at("2026-11-02T00:00:00"), nodeId: found, kind: "outcome", language: "ar", channel: "sms", count: 7 },
  });
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const lookupNode = [{ flow: "case_status", node: "look_up" }];

test("case lookups by outcome, from the check_case nodes' kept events and daily counts", async () => {
  expect(await caseLookups(db.prisma, lookupNode, {}, period)).toEqual([
    { key: "found", n: 9 },
    { key: "locked", n: 1 },
  ]);
  expect(await caseLookups(db.prisma, lookupNode, { language: "fa" }, period)).toEqual([{ key: "found", n: 1 }]);
  expect(await caseLookups(db.prisma, lookupNode, { channel: "sms" }, period)).toEqual([{ key: "found", n: 7 }]);
});

test("referrals made in the period by status, needs by status", async () => {
  const sorted = (xs: { key: string; n: number }[]) => [...xs].sort((x, y) => x.key.localeCompare(y.key));
  expect(sorted(await referralsByStatus(db.prisma, {}, period))).toEqual([
    { key: "contacted", n: 1 },
    { key: "new", n: 1 },
    { key: "received", n: 1 },
  ]);
  expect(await referralsByStatus(db.prisma, { channel: "sms" }, period)).toEqual([{ key: "received", n: 1 }]);
  expect(sorted(await needsByStatus(db.prisma, {}, period))).toEqual([
    { key: "new", n: 2 },
    { key: "resolved", n: 1 },
  ]);
  expect(await needsByStatus(db.prisma, { language: "fa" }, period)).toEqual([{ key: "new", n: 1 }]);
});

test("handovers: share, out of hours, first reply p50/p90 by urgency and language, time to close, per caseworker", async () => {
  const hours = parseOfficeHours("Mon-Fri 09:00-17:00", "Europe/Athens");
  if (!hours.ok) throw new Error(hours.reason);
  const h = await handoffFigures(db.prisma, {}, period, hours.hours);
  // people a, b, c, d, e wrote in the period; a, b, c, d were handed over in it; b (Saturday) and c (18:30) out of hours
  expect(h).toMatchObject({ people: 5, handedOver: 4, outOfHours: 2 });
  // not urgent: 10 and 50 min -> median 30, p90 10 + 0.9 * 40 = 46 min; urgent: 30 min
  expect(h.firstReplyByUrgency.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
    { key: "normal", n: 2, p50: 30 * MIN, p90: 46 * MIN },
    { key: "urgent", n: 1, p50: 30 * MIN, p90: 30 * MIN },
  ]);
  // ar: 10 and 30 min -> 20, 28; fa: 50 (d not answered)
  expect(h.firstReplyByLanguage.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
    { key: "ar", n: 2, p50: 20 * MIN, p90: 28 * MIN },
    { key: "fa", n: 1, p50: 50 * MIN, p90: 50 * MIN },
  ]);
  // closed after 2 h and 4 h -> 3 h, 2 h + 0.9 * 2 h
  expect(h.toClose).toEqual({ key: "", n: 2, p50: 3 * 3600, p90: 3.8 * 3600 });
  expect(h.perCaseworker).toEqual([{ key: "amal@example.org", n: 4 }]);
  // without office hours the share out of hours is not counted; by channel, only b
  expect((await handoffFigures(db.prisma, {}, period, undefined)).outOfHours).toBeUndefined();
  expect(await handoffFigures(db.prisma, { channel: "sms" }, period, hours.hours)).toMatchObject({
    people: 1,
    handedOver: 1,
    outOfHours: 1,
  });
});
