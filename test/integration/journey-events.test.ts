import { harnessForFile } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";

// The funnels' rows are written with the turn, through the signed webhook and the processor: where the person
// went (node, kind, language, channel), never their words.
const h = harnessForFile();

const journeyOf = async (address: string) =>
  (
    await h.server.db.prisma.$queryRaw<
      {
        flow: string;
        node: string;
        outcome: string;
        kind: string;
        language: string | null;
        channel: string;
        waited: number | null;
      }[]
    >`SELECT n.flow, n.node, n.outcome, e.kind::text, e.language, e.channel, e."waitedSeconds" AS waited
      FROM "JourneyEvent" e JOIN "JourneyNode" n ON n.id = e."nodeId" JOIN "Contact" c ON c.id = e."contactId"
      WHERE c.address = ${address} ORDER BY e.id`
  ).map((e) => ({
    step: `${e.flow}/${e.node}${e.outcome ? `:${e.outcome}` : ""} ${e.kind}`,
    language: e.language,
    channel: e.channel,
    waited: e.waited,
  }));

test("a person's steps are stored in order, with the first reply's wait, a retry and a handover where it was asked", async () => {
  const c = await conversation(h, { channel: "whatsapp" });
  await c.send("hi");
  await c.send("1"); // English
  await c.send("2"); // no news from us
  await c.send("banana"); // not a choice of the menu
  await c.send("5"); // talk to a person
  const rows = await journeyOf(c.phone);
  const steps = rows.map((r) => r.step);
  expect(steps.slice(0, 3)).toEqual(["welcome/detect reached", "welcome/detect:unsure outcome", expect.any(String)]);
  expect(steps).toContain("main_menu/menu asked");
  expect(steps).toContain("main_menu/menu retried");
  expect(steps).toContain("main_menu/menu answered");
  expect(steps.at(-1)).toMatch(/^talk_to_person\/\w+ handoff$/);
  // the first reply to the menu waited (seconds, rounded); the answer after a retry is not its first reply
  const menuReplies = rows.filter((r) => r.step.startsWith("main_menu/menu ") && !r.step.endsWith("asked"));
  expect(menuReplies.map((r) => r.waited)).toEqual([expect.any(Number), null]);
  expect(menuReplies[0]?.waited).toBeLessThan(60); // seconds between two webhooks of this test
  // counted under the language once chosen, and the channel
  expect(rows.at(-1)).toMatchObject({ language: "en", channel: "whatsapp" });
  expect(rows[0]).toMatchObject({ language: null });
  // every flow point once in the dictionary, however many people pass it: a second person on the same path adds
  // events but no point
  const points = await h.server.db.prisma.journeyNode.count();
  const events = await h.server.db.prisma.journeyEvent.count();
  const again = await conversation(h, { channel: "whatsapp" });
  for (const text of ["hi", "1", "2", "banana", "5"]) await again.send(text);
  expect(await h.server.db.prisma.journeyEvent.count()).toBeGreaterThan(events);
  expect(await h.server.db.prisma.journeyNode.count()).toBe(points);
});

test("erasing their data leaves the counts and drops the link to the person", async () => {
  const c = await conversation(h, { channel: "sms" });
  await c.send("hi");
  await c.send("1");
  const id = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } })).id;
  const mine = await h.server.db.prisma.journeyEvent.count({ where: { contactId: id } });
  expect(mine).toBeGreaterThan(2);
  const before = await h.server.db.prisma.journeyEvent.count();
  await c.send("ERASE");
  await c.send("1"); // yes, erase
  expect(await h.server.db.prisma.contact.count({ where: { id } })).toBe(0);
  // the ERASE turn's own steps (the question put) are counted too; the confirming turn's go with the person
  expect(await h.server.db.prisma.journeyEvent.count()).toBeGreaterThan(before);
  expect(await h.server.db.prisma.journeyEvent.count({ where: { contactId: id } })).toBe(0);
});
