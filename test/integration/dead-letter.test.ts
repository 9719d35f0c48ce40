import { atTheTownQuestion, capturedLog, faultyFindPartners } from "../support/faults.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { signedIn, wholeInbox } from "../support/staff.ts";

// A message whose turn keeps failing is given up after TURN_MAX_ATTEMPTS: the person is told, a
// person takes over, and the person's later messages no longer wait behind it. The fault is injected
// into the find_partners action (the real one runs once `faultsLeft` is spent): a query of its that
// fails (it breaks the turn's transaction: the turn fails), or a plain exception (no `error` branch in the
// flow: answered at once, the same way, a person takes over).
const SORRY = "Sorry, something went wrong on our side. A person will read your message.";
const PLACE = "my village two hours from Kos";

let h: Harness;
let fault: "query" | "throw" = "query";
let faultsLeft = 0;
/** find_partners runs, by contact */
const calls = new Map<number, number>();
const { log, logs } = capturedLog();

beforeAll(async () => {
  h = await startHarness(
    { TURN_MAX_ATTEMPTS: "3" },
    {
      log,
      replaceActions: faultyFindPartners(async (turn) => {
        calls.set(turn.contactId, (calls.get(turn.contactId) ?? 0) + 1);
        if (faultsLeft-- > 0) {
          if (fault === "throw") throw new Error("the partner directory is broken");
          await turn.tx.$queryRaw`SELECT 1 / 0`;
        }
      }),
    },
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  faultsLeft = 0;
  fault = "query";
  logs.length = 0;
});

const prisma = () => h.server.db.prisma;
const messageOf = (contactId: number, body: string) =>
  prisma().message.findFirstOrThrow({ where: { contactId, direction: "in", body } });

/** The sweep runs until it brings replies (at most `times`): each run is one more try of the failing message. */
async function sweepUntilReplies(c: { swept(): Promise<string[]> }, times: number): Promise<string[]> {
  for (let i = 0; i < times; i++) {
    const replies = await c.swept();
    if (replies.length) return replies;
  }
  return [];
}

test("an action whose query fails every time: after 3 tries the person is told, the inbox shows it, their next messages go on", async () => {
  const c = await atTheTownQuestion(h);
  faultsLeft = Infinity;
  expect(await c.send(PLACE)).toEqual([]);
  // the person writes again meanwhile: that message waits behind the failing one, and runs it once more
  expect(await c.send("hello? is anyone there")).toEqual([]);
  expect(await sweepUntilReplies(c, 5)).toEqual([SORRY]);
  expect(calls.get(c.contactId)).toBe(3);

  const failed = await messageOf(c.contactId, PLACE);
  expect(failed.failedAttempts).toBe(3);
  // the action's error first (the engine's report of it), then what broke the turn
  expect(failed.failure).toMatch(
    /^find_help\/search: .*division by zero.* \(then PrismaClientKnownRequestError: .*current transaction is aborted/,
  );
  expect(failed.processedAt).not.toBeNull();
  // the message behind it was not stuck: kept for the caseworker (the bot stays silent now)
  expect((await messageOf(c.contactId, "hello? is anyone there")).processedAt).not.toBeNull();
  const inbox = await wholeInbox(h);
  expect(inbox.find((r) => r.contactId === c.contactId)).toMatchObject({
    status: "waiting_for_person",
    reason: "error",
    urgent: false,
  });

  // once per try, a warning with the error; the giving-up as an error with the message id; never the text or number
  const tries = logs.filter((l) => l.msg === "turn failed; the sweep retries it" && l.messageId === failed.id);
  expect(tries.map((l) => l.attempt)).toEqual([1, 2, 3]);
  expect(
    tries.every((l) => l.level === 40 && typeof l.err === "object" && String(l.flowError).includes("division by zero")),
  ).toBe(true);
  expect(logs.filter((l) => l.level === 50)).toEqual([
    expect.objectContaining({ messageId: failed.id, contactId: c.contactId, attempts: 3 }),
  ]);
  const logged = JSON.stringify(logs);
  expect(logged).not.toContain(PLACE);
  expect(logged).not.toContain(c.phone.slice(1));

  // staff see why, in the inbox and on the message
  const { c: browser, user: staff } = await signedIn(h, "caseworker");
  expect(await (await browser.request("/staff/inbox")).text()).toContain("the bot failed on a message");
  expect(await (await browser.request(`/staff/conversations/${c.contactId}`)).text()).toMatch(
    /the bot gave up on this message: find_help\/search: [^<]*division by zero/,
  );

  // handed back, the bot answers as before, find_partners included ("3" passes "Did this help?" by for the menu)
  expect(await h.server.handoff.handBack(staff, c.contactId)).toEqual({ ok: true });
  expect(await c.received()).toEqual([
    expect.stringMatching(/automatic menu is back/),
    expect.stringMatching(/^Did this help\?/),
  ]);
  faultsLeft = 0;
  expect(await c.send("3")).toEqual([expect.stringMatching(/^What do you need help with/)]);
  expect(await c.send("3")).toHaveLength(1);
  expect(await c.send("6")).toEqual([expect.stringMatching(/town, island or camp/)]);
  const answer = await c.send("Kos");
  expect(answer[0]).toMatch(/do not know an organisation for this \(Legal help, Kos\)/);
  expect(answer).not.toContain(SORRY);
});

test("an action that fails once, then works: answered normally at the next sweep, no apology, no handoff", async () => {
  const c = await atTheTownQuestion(h);
  faultsLeft = 1;
  expect(await c.send(PLACE)).toEqual([]);
  const replies = await sweepUntilReplies(c, 3);
  expect(replies[0]).toMatch(/do not know an organisation for this \(Legal help/);
  expect(replies).not.toContain(SORRY);
  expect(calls.get(c.contactId)).toBe(2);
  expect(await messageOf(c.contactId, PLACE)).toMatchObject({ failedAttempts: 1, failure: null });
  expect(await prisma().conversation.findUnique({ where: { contactId: c.contactId } })).toBeNull();
  expect(logs.filter((l) => l.level === 50)).toEqual([]);
});

test("an action that throws plainly, its node routing no `error`: the person is told a person will read it, staff get the conversation and see why", async () => {
  const c = await atTheTownQuestion(h);
  fault = "throw";
  faultsLeft = 1;
  // at once, not after retries: nothing broke the turn, the failure is the action's own
  expect(await c.send(PLACE)).toEqual([SORRY]);
  expect(await messageOf(c.contactId, PLACE)).toMatchObject({
    failedAttempts: 1,
    failure: "find_help/search: the partner directory is broken",
    processedAt: expect.any(Date),
  });
  const inbox = await wholeInbox(h);
  expect(inbox.find((r) => r.contactId === c.contactId)).toMatchObject({
    status: "waiting_for_person",
    reason: "error",
    urgent: false,
  });
  expect(logs).toContainEqual(
    expect.objectContaining({
      level: 40,
      msg: "flow error no flow handled; the conversation goes to staff",
      contactId: c.contactId,
    }),
  );
  // not sent to the menu: the person's next words wait for the caseworker, the bot silent
  expect(await c.send("hello?")).toEqual([]);
  const { c: browser } = await signedIn(h, "caseworker");
  expect(await (await browser.request(`/staff/conversations/${c.contactId}`)).text()).toContain(
    "the bot gave up on this message: find_help/search: the partner directory is broken",
  );
});
