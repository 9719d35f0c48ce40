import { type Harness, startHarness } from "../support/harness.ts";

// The processor answers many people per transaction: the guarantees must hold person by person.
let h: Harness;
const phone = (i: number) => `+3069200${String(i).padStart(5, "0")}`;
/** this person's first turn breaks its transaction (a failing query in the language detection it runs) */
const BROKEN = phone(900);
beforeAll(async () => {
  h = await startHarness(
    {},
    {
      replaceActions: (turn, actions) => {
        const detect = actions.detect_language!;
        if (turn.address !== BROKEN) return actions;
        return {
          ...actions,
          detect_language: {
            ...detect,
            run: async (request) => {
              await turn.tx.$queryRaw`SELECT 1 / 0`;
              return detect.run(request);
            },
          },
        };
      },
    },
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const prisma = () => h.server.db.prisma;

async function replies(to: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  while (h.twilio.to(to).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return h.twilio.to(to);
}

test("40 people writing at once, two messages each: each answered once per message, in order", async () => {
  const people = Array.from({ length: 40 }, (_, i) => phone(i));
  // each person's second message is posted once the first is accepted, everyone at once
  const responses = await Promise.all(
    people.map(async (from) => {
      const first = await h.say(from, "hello");
      const second = await h.say(from, "1");
      return [first.status, second.status];
    }),
  );
  expect(responses.flat().every((s) => s === 200)).toBe(true);
  await h.server.processor.idle();
  for (const from of people) {
    const got = await replies(from, 5);
    expect(got).toHaveLength(5);
    expect(got[0]).toMatch(/^(Choose your language|Language) \/ /);
    expect(got.slice(1)).toEqual([
      "Thank you. We will write in English.",
      expect.stringMatching(/^Welcome/),
      expect.stringMatching(/^Privacy: /),
      expect.stringMatching(/^May we write to you first/),
    ]);
  }
  // the transcript: every inbound message answered by its own replies
  const inbound = await prisma().message.findMany({
    where: { direction: "in", contact: { address: { in: people } } },
    include: { replies: true },
  });
  expect(inbound).toHaveLength(80);
  expect(inbound.every((m) => m.processedAt && m.replies.length > 0)).toBe(true);
}, 60_000);

test("a person whose turn fails does not hold back the others of the batch", async () => {
  // messages already stored, so all four people are enqueued in the same loop turn: one batch
  const waiting = (channel: string, address: string) =>
    prisma().contact.create({
      data: { channel, address, messages: { create: { direction: "in", body: "hello", ourAddress: "+15005550006" } } },
    });
  const broken = await waiting("sms", BROKEN);
  const others = await Promise.all([phone(901), phone(902), phone(903)].map((p) => waiting("sms", p)));
  await Promise.all([broken, ...others].map((c) => h.server.processor.enqueue(c.id)));
  for (const c of others) expect(await replies(c.address, 1)).toHaveLength(1);
  const stuck = await prisma().message.findFirstOrThrow({ where: { contactId: broken.id } });
  expect(stuck.processedAt).toBeNull(); // left for the sweep, nothing half-written
  expect(await prisma().outbox.count({ where: { contactId: broken.id } })).toBe(0);
});
