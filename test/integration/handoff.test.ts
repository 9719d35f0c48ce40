import { conversation, hear, outboxDrained, playLive, say } from "../support/live-transcript.ts";
import { harnessForFile } from "../support/harness.ts";
import type { Role } from "../../src/domain/roles.ts";
import { wholeInbox } from "../support/staff.ts";

const TEMPLATE = `HX${"b2".repeat(16)}`;
const h = harnessForFile({ TWILIO_TEMPLATE_CONTENT_SID: TEMPLATE });

const prisma = () => h.server.db.prisma;
let staffCount = 0;
async function caseworker(role: Role = "caseworker") {
  const user = await prisma().staffUser.create({
    data: { email: `cw${++staffCount}@example.org`, role, passwordHash: "unused" },
  });
  return { id: user.id, role };
}
const status = async (contactId: number) => (await prisma().conversation.findUnique({ where: { contactId } }))?.status;
/**
 * Resolves once another transaction holds the contact's row lock (a NOWAIT probe is refused) or `deed` has
 * finished: either way a message sent afterwards is stored after the deed took the lock. On PGlite, which runs
 * one transaction at a time, the probe simply waits for the deed's transaction.
 */
async function lockTaken(contactId: number, deed: Promise<unknown>): Promise<void> {
  let finished = false;
  void deed.finally(() => {
    finished = true;
  });
  while (!finished) {
    try {
      await prisma().$queryRaw`SELECT id FROM "Contact" WHERE id = ${contactId} FOR UPDATE NOWAIT`;
    } catch {
      return; // lock_not_available: the deed holds it
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
const contactOf = async (phone: string) => (await prisma().contact.findFirstOrThrow({ where: { address: phone } })).id;

test("HELP hands over: the person is told a person will answer, then the bot stays silent and keeps every message in order", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("HELP"),
    hear(/A person from our team will answer you here soon/),
    say("I lost my papers"),
    say("and my son's too"),
    say("MENU"),
  ]);
  const id = await contactOf(c.phone);
  expect(await status(id)).toBe("waiting_for_person");
  const kept = await prisma().message.findMany({ where: { contactId: id, direction: "in" }, orderBy: { id: "asc" } });
  expect(kept.map((m) => m.body)).toEqual(["hi", "HELP", "I lost my papers", "and my son's too", "MENU"]);
  expect(kept.every((m) => m.processedAt !== null)).toBe(true);
});

test("the menu's 'talk to a person' and repeated misunderstanding hand over too, in the person's language", async () => {
  const a = await playLive(h, { lang: "fr" }, [
    say("salut"),
    hear(/Comment pouvons-nous/),
    say("5"),
    hear(/Une personne de notre équipe/),
  ]);
  expect(
    (await prisma().conversation.findUniqueOrThrow({ where: { contactId: await contactOf(a.phone) } })).reason,
  ).toBe("asked");
  const b = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("x"),
    hear(/did not understand/),
    say("y"),
    hear(/did not understand/),
    say("z"),
    hear(/A person from our team/),
  ]);
  expect(
    (await prisma().conversation.findUniqueOrThrow({ where: { contactId: await contactOf(b.phone) } })).reason,
  ).toBe("misunderstood");
});

test("protection-risk words: emergency contacts at once, urgent, first in the inbox", async () => {
  const calm = await playLive(h, { lang: "en" }, [say("hi"), hear(/How/), say("agent"), hear(/A person/)]);
  const risk = await playLive(h, { lang: "ar" }, [
    say("مرحبا"),
    hear(/كيف يمكننا/),
    say("زوجي يضربني كل يوم"),
    hear(/رقم الطوارئ 112/),
    hear(/سيرد عليك شخص/),
  ]);
  const inbox = await wholeInbox(h);
  const ids = inbox.map((r) => r.contactId);
  const riskId = await contactOf(risk.phone);
  expect(inbox.find((r) => r.contactId === riskId)).toMatchObject({
    urgent: true,
    reason: "risk",
    status: "waiting_for_person",
  });
  expect(ids.indexOf(riskId)).toBeLessThan(ids.indexOf(await contactOf(calm.phone)));
});

test("a risk named while waiting makes the conversation urgent and sends the emergency contacts, nothing else", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("HELP"),
    hear(/A person/),
    say("please hurry, he threatened to kill me"),
    hear(/emergency number/),
  ]);
  expect(
    (await prisma().conversation.findUniqueOrThrow({ where: { contactId: await contactOf(c.phone) } })).urgent,
  ).toBe(true);
});

test("two caseworkers take at once: exactly one wins; the other cannot reply", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const [ana, ben] = [await caseworker(), await caseworker()];
  const results = await Promise.all([h.server.handoff.take(ana, id), h.server.handoff.take(ben, id)]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "not_waiting" }]);
  const winner = results[0]!.ok ? ana : ben;
  const loser = winner === ana ? ben : ana;
  expect(await status(id)).toBe("with_person");
  expect(await h.server.handoff.reply(loser, id, "hello from the loser")).toEqual({ ok: false, reason: "not_yours" });
  expect(await h.server.handoff.reply(winner, id, "Hello, I am Sara from the help line.")).toEqual({ ok: true });
  await outboxDrained(h);
  expect(h.twilio.to(`whatsapp:${c.phone}`).at(-1)).toBe("Hello, I am Sara from the help line.");
  const audit = await prisma().auditLog.findMany({ where: { contactId: id }, orderBy: { id: "asc" } });
  expect(audit.map((a) => [a.action, a.staffUserId])).toEqual([
    ["took", winner.id],
    ["replied", winner.id],
  ]);
});

test("hand back: a short message and 'Did this help?', then the bot resumes at the main menu and answers again", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const cw = await caseworker();
  expect(await h.server.handoff.take(cw, id)).toEqual({ ok: true });
  expect(await h.server.handoff.handBack(cw, id)).toEqual({ ok: true });
  await outboxDrained(h);
  expect(h.twilio.to(`whatsapp:${c.phone}`).slice(-2)).toEqual([
    "Our team has finished this chat. The automatic menu is back.",
    "Did this help?\n1. Yes\n2. No",
  ]);
  expect(await status(id)).toBe("bot");
  const again = await conversation(h, { phone: c.phone });
  expect(await again.send("1")).toEqual(["Thank you for telling us.", expect.stringMatching(/How can we help/)]);
  expect(await again.send("1")).toEqual([expect.stringMatching(/^Know your rights. Choose a topic/)]);
});

test("close: the person is told and asked 'Did this help?'; their next message, no answer to it, starts with the bot", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const cw = await caseworker();
  await h.server.handoff.take(cw, id);
  expect(await h.server.handoff.close(cw, id)).toEqual({ ok: true });
  await outboxDrained(h);
  expect(h.twilio.to(`whatsapp:${c.phone}`).slice(-2)).toEqual([
    expect.stringMatching(/closed this chat/),
    "Did this help?\n1. Yes\n2. No",
  ]);
  expect(await status(id)).toBe("closed");
  const again = await conversation(h, { phone: c.phone });
  expect(await again.send("hello")).toEqual([expect.stringMatching(/How can we help/)]);
});

// A message and a hand back, in each order; the third test runs them at once.
test("a message taken in before the hand back is the caseworker's: the bot never answers it", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const cw = await caseworker();
  await h.server.handoff.take(cw, id);
  await h.say(c.phone, "are you still there?", { channel: "whatsapp" });
  await h.server.processor.idle();
  expect((await h.server.handoff.handBack(cw, id)).ok).toBe(true);
  await h.server.processor.idle();
  await outboxDrained(h);
  const msg = await prisma().message.findFirstOrThrow({ where: { contactId: id, body: "are you still there?" } });
  expect(msg.processedAt).not.toBeNull();
  expect(await prisma().message.count({ where: { inReplyToId: msg.id } })).toBe(0);
  // the last the person heard: the hand back and its question, nothing about their message
  expect(h.twilio.to(`whatsapp:${c.phone}`).slice(-2)).toEqual([
    expect.stringMatching(/finished this chat/),
    expect.stringMatching(/^Did this help\?/),
  ]);
});

test("a message after the hand back is the bot's: answered once, at the menu", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const cw = await caseworker();
  await h.server.handoff.take(cw, id);
  expect((await h.server.handoff.handBack(cw, id)).ok).toBe(true);
  await h.say(c.phone, "are you still there?", { channel: "whatsapp" });
  await h.server.processor.idle();
  await outboxDrained(h);
  const msg = await prisma().message.findFirstOrThrow({ where: { contactId: id, body: "are you still there?" } });
  const answers = await prisma().message.findMany({ where: { inReplyToId: msg.id } });
  // no answer to "Did this help?": read as if it had not been asked, it brings the menu
  expect(answers).toEqual([expect.objectContaining({ body: expect.stringMatching(/^How can we help/) })]);
  expect(h.twilio.to(`whatsapp:${c.phone}`).slice(-3)).toEqual([
    expect.stringMatching(/finished this chat/),
    expect.stringMatching(/^Did this help\?/),
    answers[0]!.body,
  ]);
});

test("a message arriving while the caseworker hands back waits for it, then the bot answers it once", async () => {
  for (let round = 0; round < 3; round++) {
    const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
    const id = await contactOf(c.phone);
    const cw = await caseworker();
    await h.server.handoff.take(cw, id);
    // The hand back starts first and takes the contact's row lock; the message is sent once the lock is held
    // (under load the request could otherwise reach the database first), and it is stored by an upsert of
    // that same row, so it waits for the hand back to commit. Its turn then finds the bot in charge: the
    // order is known, so the outcome is asserted, not one of two.
    const back = h.server.handoff.handBack(cw, id);
    await lockTaken(id, back);
    const [sent, handedBack] = await Promise.all([
      h.say(c.phone, "are you still there?", { channel: "whatsapp" }),
      back,
    ]);
    expect([sent.status, handedBack.ok]).toEqual([200, true]);
    await h.server.processor.idle();
    await outboxDrained(h);
    const msg = await prisma().message.findFirstOrThrow({ where: { contactId: id, body: "are you still there?" } });
    expect(msg.processedAt).not.toBeNull();
    const answers = await prisma().message.findMany({ where: { inReplyToId: msg.id } });
    expect(answers).toEqual([expect.objectContaining({ body: expect.stringMatching(/^How can we help/) })]);
    expect(h.twilio.to(`whatsapp:${c.phone}`).slice(-3)).toEqual([
      expect.stringMatching(/finished this chat/),
      expect.stringMatching(/^Did this help\?/),
      answers[0]!.body,
    ]);
    expect(await status(id)).toBe("bot");
  }
});

test("WhatsApp 24-hour window: free text refused outside it, the approved template goes instead", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const cw = await caseworker();
  await h.server.handoff.take(cw, id);
  await prisma().contact.update({ where: { id }, data: { lastInboundAt: new Date(Date.now() - 25 * 3600_000) } });
  expect(await h.server.handoff.reply(cw, id, "Are you there?")).toEqual({ ok: false, reason: "window_closed" });
  expect(await h.server.handoff.sendTemplate(cw, id)).toEqual({ ok: true });
  await outboxDrained(h);
  const last = h.twilio.sent.filter((m) => m.to === `whatsapp:${c.phone}`).at(-1);
  expect(last).toMatchObject({ contentSid: TEMPLATE, body: "" });
});

test("SMS has no window: a caseworker answers whenever", async () => {
  const c = await playLive(h, { lang: "en", channel: "sms" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  const cw = await caseworker();
  await h.server.handoff.take(cw, id);
  await prisma().contact.update({ where: { id }, data: { lastInboundAt: new Date(Date.now() - 72 * 3600_000) } });
  expect(await h.server.handoff.reply(cw, id, "Still here for you.")).toEqual({ ok: true });
});

test("STOP then START while handed over: closed with its reason for staff, then the bot answers again; never open and opted out at once", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(c.phone);
  await h.server.handoff.take(await caseworker(), id);
  expect(await c.send("STOP")).toEqual([expect.stringMatching(/You will not get more messages/)]);
  expect(await prisma().conversation.findUniqueOrThrow({ where: { contactId: id } })).toMatchObject({
    status: "closed",
    reason: "stopped",
    assigneeId: null,
  });
  expect((await wholeInbox(h)).map((r) => r.contactId)).not.toContain(id);
  expect(await c.send("START")).toEqual([
    expect.stringMatching(/Welcome back/),
    expect.stringMatching(/How can we help/),
  ]);
  expect(await status(id)).toBe("closed");
  expect((await prisma().contact.findUniqueOrThrow({ where: { id } })).optedOut).toBe(false);
});

test("START from an opted-out person a caseworker is answering (a risk named after STOP): opted in, still with the caseworker, no menu", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("STOP"),
    hear(/You will not get more messages/),
    say("he threatened to kill me"),
    hear(/emergency number/),
    hear(/A person/),
  ]);
  const id = await contactOf(c.phone);
  expect(await c.send("START")).toEqual([expect.stringMatching(/Welcome back/)]);
  expect(await status(id)).toBe("waiting_for_person");
  expect((await prisma().contact.findUniqueOrThrow({ where: { id } })).optedOut).toBe(false);
  const said = await prisma().message.findMany({ where: { contactId: id, direction: "out" }, orderBy: { id: "asc" } });
  expect(said.at(-1)?.body).toMatch(/Welcome back/);
});

test("STOP is honoured even while a person answers: opted out, conversation closed", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("HELP"),
    hear(/A person/),
    say("STOP"),
    hear(/You will not get more messages/),
  ]);
  const id = await contactOf(c.phone);
  expect(await status(id)).toBe("closed");
  expect((await prisma().contact.findUniqueOrThrow({ where: { id } })).optedOut).toBe(true);
});
