import { type Harness, startHarness } from "../support/harness.ts";

// Twilio takes a few hundred ms to take a message: the outbox claims again while a claim's sends wait for it.
let h: Harness;
const phone = (i: number) => `+3069300${String(i).padStart(5, "0")}`;
beforeAll(async () => {
  h = await startHarness({ TWILIO_CONNECTIONS: "300" });
}, 60_000);
afterAll(async () => {
  await h?.close();
});
const prisma = () => h.server.db.prisma;

test("while one claim's sends wait for Twilio, the next claim's go: more than a claim (100) at once, each person's replies in order", async () => {
  h.twilio.answerAfter(1_500);
  // 250 replies waiting for 250 people, queued at once: the lanes' next polls claim them
  const people = Array.from({ length: 250 }, (_, i) => phone(i));
  await prisma().contact.createMany({ data: people.map((address) => ({ channel: "sms", address })) });
  const contacts = await prisma().contact.findMany({ where: { address: { in: people } } });
  await prisma().outbox.createMany({
    data: contacts.map((c) => ({
      contactId: c.id,
      channel: "sms",
      toAddress: c.address,
      fromAddress: "+15005550006",
      body: `hello ${c.address}`,
    })),
  });
  await h.twilio.waitForSent(250, 30_000);
  expect(h.twilio.mostAtOnce).toBeGreaterThan(100);
  expect(h.twilio.mostAtOnce).toBeLessThanOrEqual(200);
  for (const p of people) expect(h.twilio.to(p)).toEqual([`hello ${p}`]);

  // a person's second reply leaves only once Twilio has taken their first
  h.twilio.answerAfter(500);
  const one = phone(999);
  await h.say(one, "hi");
  await h.server.processor.idle();
  await h.say(one, "1");
  await h.twilio.waitForSent(254, 30_000);
  const theirs = h.twilio.sent.filter((m) => m.to === one);
  expect(theirs).toHaveLength(4);
  for (let i = 1; i < theirs.length; i++) expect(theirs[i]!.at - theirs[i - 1]!.at).toBeGreaterThanOrEqual(450);
});
