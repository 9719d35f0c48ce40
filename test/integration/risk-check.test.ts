import { parseSession } from "../../src/engine/index.ts";
import { harnessForFile } from "../support/harness.ts";
import { hear, playLive, say } from "../support/live-transcript.ts";
import { reportNeedSteps } from "../support/needs.ts";

// A message whose words only hint at danger ("a knife", "I'm scared") is held and the person asked once
// whether they are in danger, through the signed webhook, the real processor and database.
const h = harnessForFile();

const prisma = () => h.server.db.prisma;
const contactOf = (phone: string) =>
  prisma().contact.findFirstOrThrow({ where: { address: phone }, include: { conversation: true, session: true } });
const inbound = async (phone: string) =>
  prisma().message.findMany({
    where: { contact: { address: phone }, direction: "in" },
    orderBy: { id: "asc" },
    select: { body: true, personal: true, redacted: true },
  });
const held = async (phone: string) => {
  const parsed = parseSession((await contactOf(phone)).session?.state);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.session.stack.flatMap((f) => (f.held ? [f.held.input.text] : []));
};
const QUESTION = /^Are you or someone with you in danger now\?\n1\. Yes, I need help now\n2\. No, I'm safe$/;
const HINTED = "my ex waits outside with a knife every night";

test("a need's words that only hint at danger: asked first; yes saves the need marked risk with its reference, the emergency contacts, an urgent handover", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...reportNeedSteps("5", "1", "1"),
    hear(/Tell us in your own words/),
    say(HINTED),
    hear(QUESTION),
    say("yes"),
    hear(/emergency number 112/),
    hear(/Your reference number is N-/),
    hear(/A person/),
  ]);
  const contact = await contactOf(c.phone);
  expect(await prisma().need.findFirstOrThrow({ where: { contactId: contact.id } })).toMatchObject({
    text: HINTED,
    risk: true,
  });
  expect(contact.conversation).toMatchObject({ urgent: true, reason: "risk", status: "waiting_for_person" });
  expect(await held(c.phone)).toEqual([]);
  // the description is the person's own words (retention empties it); "yes" is not
  expect((await inbound(c.phone)).slice(-2)).toEqual([
    { body: HINTED, personal: true, redacted: false },
    { body: "yes", personal: false, redacted: false },
  ]);
});

test("no: the held description is saved as if nothing had been asked, no handover, and the person is not asked again soon after", async () => {
  const words = "I am scared we will lose the room, we have two kids";
  const c = await playLive(h, { lang: "en", channel: "sms" }, [
    ...reportNeedSteps("1", "2", "1"),
    hear(/Tell us in your own words/),
    say(words),
    hear(QUESTION),
    say("2"),
    hear(/Your reference number is N-/),
    // another hint minutes later is read as it is: here, not a menu choice, so the menu comes back
    say("the police came again"),
    hear(/How can we help/),
  ]);
  const contact = await contactOf(c.phone);
  expect(await prisma().need.findFirstOrThrow({ where: { contactId: contact.id } })).toMatchObject({
    text: words,
    risk: false,
  });
  expect(contact.conversation).toBeNull();
  expect((await inbound(c.phone)).slice(-3).map((m) => [m.body, m.personal])).toEqual([
    [words, true],
    ["2", false],
    ["the police came again", false],
  ]);
});

test("an answer it cannot read is asked once more, then taken as yes: someone in danger may not answer clearly", async () => {
  const c = await playLive(h, { lang: "ar" }, [
    say("مرحبا"),
    hear(/كيف يمكننا/),
    say("أنا خايفة كتير وما عندي مكان"),
    hear(/هل أنت أو أحد معك في خطر الآن؟/),
    say("موز"),
    hear(/^عذراً، لم أفهم.\nهل أنت أو أحد معك في خطر الآن؟/),
    say("ما بعرف"),
    hear(/رقم الطوارئ 112/),
    hear(/سيرد عليك شخص/),
  ]);
  expect((await contactOf(c.phone)).conversation).toMatchObject({ urgent: true, reason: "risk" });
});

test("STOP while asked is STOP: opted out, the held message dropped with the question, START brings the menu", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("he has a gun in the house"),
    hear(QUESTION),
  ]);
  expect(await held(c.phone)).toEqual(["he has a gun in the house"]);
  await playLive(h, { phone: c.phone }, [
    say("STOP"),
    hear(/You will not get more messages/),
    say("1"),
    say("START"),
    hear(/Welcome back/),
    hear(/How can we help/),
  ]);
  expect(await held(c.phone)).toEqual([]);
  expect((await contactOf(c.phone)).conversation).toBeNull();
});

test("a new person's first message: asked in the language its words are in; no leads to the welcome as it would have", async () => {
  const c = await playLive(h, {}, [
    say("أنا خايفة كتير وما عندي مكان"),
    hear(/هل أنت أو أحد معك في خطر الآن؟/),
    say("٢"),
    // the held message's language is guessed, as any first message's, and confirmed by the person
    hear(/سنكتب لك بالعربية/),
  ]);
  const parsed = parseSession((await contactOf(c.phone)).session?.state);
  expect(parsed.ok && parsed.session.stack.map((f) => f.flow)).toEqual(["welcome", "language"]);
});

test("a new person in Amharic who answers yes gets the emergency contacts in Amharic, and Amharic is kept", async () => {
  const c = await playLive(h, { channel: "sms" }, [
    say("በጣም እፈራለሁ ብቻዬን ነኝ"),
    hear(/አሁን አደጋ ላይ ነው\?\n1\. አዎ/),
    say("አዎ"),
    hear(/የአደጋ ጊዜ ቁጥር 112/),
    hear(/.+/),
  ]);
  const contact = await contactOf(c.phone);
  expect(contact.language).toBe("am");
  expect(contact.conversation).toMatchObject({ urgent: true, reason: "risk" });
});

test("a message held at a redacted question (a PIN) is redacted in its own turn, and a named risk in the reply still hands over", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("2"),
    hear(/case number/i),
    say("DEMO-1001"),
    hear(/.+/),
    say("I am afraid, he watches my phone"),
    hear(QUESTION),
    say("yes he beats me"),
    hear(/emergency number 112/),
    hear(/A person/),
  ]);
  expect((await inbound(c.phone)).slice(-2)).toEqual([
    { body: "[redacted]", personal: false, redacted: true },
    { body: "yes he beats me", personal: false, redacted: false },
  ]);
  expect(await held(c.phone)).toEqual([]);
  expect((await contactOf(c.phone)).conversation).toMatchObject({ urgent: true, reason: "risk" });
});

test("ERASE while asked: the erasure question replaces the danger question, and erasing removes the held words with everything", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("I ran away from the smuggler"),
    hear(QUESTION),
    say("ERASE"),
    hear(/erase/i),
  ]);
  expect(await held(c.phone)).toEqual([]);
  await playLive(h, { phone: c.phone }, [say("yes"), hear(/.+/)]);
  expect(await prisma().contact.findFirst({ where: { address: c.phone } })).toBeNull();
  expect(await prisma().message.count({ where: { body: "I ran away from the smuggler" } })).toBe(0);
});
