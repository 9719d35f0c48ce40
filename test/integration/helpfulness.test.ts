import { applyNeedRetention } from "../../src/domain/needs/retention.ts";
import { askedIfHelped, conversation, hear, playLive, say } from "../support/live-transcript.ts";
import { harnessForFile } from "../support/harness.ts";
import { signedIn } from "../support/staff.ts";

const h = harnessForFile();
const prisma = () => h.server.db.prisma;

const answersOf = (phone: string) =>
  prisma().helpfulness.findMany({ where: { contact: { address: phone } }, orderBy: { id: "asc" } });
const contactIdOf = async (phone: string) =>
  (await prisma().contact.findFirstOrThrow({ where: { address: phone } })).id;

/** From the menu to a topic's summary, then back to the menu: the rights journey ends. */
const rightsJourney = (lang: "ar" | "en") => [
  say("menu"),
  hear(/./),
  say("1"),
  hear(/./),
  say("1"),
  hear(/./),
  hear(/./),
  say("5"),
  askedIfHelped(lang),
];

test("after the rights journey, No and what was missing are stored, the words marked the person's own", async () => {
  const c = await playLive(h, { lang: "ar", channel: "sms" }, [
    ...rightsJourney("ar"),
    say("2"),
    hear("ما الذي كان ينقص؟ اكتب بضع كلمات إن أردت."),
    say("أين أجد محامياً في أثينا"),
    hear("شكرًا لأنك أخبرتنا."),
    hear(/كيف يمكننا مساعدتك/),
  ]);
  expect(await answersOf(c.phone)).toEqual([
    expect.objectContaining({
      journey: "rights",
      caseworkerId: null,
      language: "ar",
      channel: "sms",
      helped: false,
      missing: "أين أجد محامياً في أثينا",
    }),
  ]);
  // needs' retention empties it, in the transcript too
  const words = await prisma().message.findFirstOrThrow({ where: { body: "أين أجد محامياً في أثينا" } });
  expect(words.personal).toBe(true);
  const erased = await applyNeedRetention(prisma(), 1, new Date(Date.now() + 2 * 86_400_000));
  expect(erased.helpfulness).toBeGreaterThanOrEqual(1);
  const [after] = await answersOf(c.phone);
  expect(after).toMatchObject({ helped: false, missing: null, missingErasedAt: expect.any(Date) });
});

test("asked once within HELPFULNESS_QUIET_HOURS, whatever the journey; skipping it leaves it unanswered", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...rightsJourney("en"),
    // a menu's number instead of an answer: the menu takes it (find help), the question is left
    say("3"),
    hear(/^What do you need help with/),
  ]);
  const again = await conversation(h, { phone: c.phone });
  await again.send("menu");
  await again.send("1");
  await again.send("1");
  expect(await again.send("5")).toEqual([expect.stringMatching(/^How can we help/)]);
  expect(await answersOf(c.phone)).toEqual([expect.objectContaining({ journey: "rights", helped: null })]);
  // a day later it is asked again
  await prisma().helpfulness.updateMany({
    where: { contact: { address: c.phone } },
    data: { askedAt: new Date(Date.now() - 25 * 3_600_000) },
  });
  await again.send("1");
  await again.send("2");
  expect(await again.send("5")).toEqual(["Did this help?\n1. Yes\n2. No"]);
  expect(await again.send("yes")).toEqual(["Thank you for telling us.", expect.stringMatching(/^How can we help/)]);
  expect((await answersOf(c.phone)).map((a) => a.helped)).toEqual([null, true]);
});

test("STOP instead of an answer: opted out, nothing more said, the question left unanswered", async () => {
  const c = await playLive(h, { lang: "en" }, [...rightsJourney("en"), say("STOP"), hear(/not get more messages/)]);
  expect(await conversation(h, { phone: c.phone }).then((again) => again.send("1"))).toEqual([]);
  expect((await answersOf(c.phone)).map((a) => a.helped)).toEqual([null]);
});

test("a handoff handed back through the staff routes: asked about the caseworker who answered; Yes stored", async () => {
  const c = await playLive(h, { lang: "fr" }, [say("HELP"), hear(/Une personne/)]);
  const id = await contactIdOf(c.phone);
  const { c: staff, user } = await signedIn(h, "caseworker");
  expect((await staff.post(`/staff/conversations/${id}/take`)).status).toBe(303);
  expect((await staff.post(`/staff/conversations/${id}/reply`, { text: "Bonjour, je suis Sara." })).status).toBe(303);
  expect((await staff.post(`/staff/conversations/${id}/hand-back`)).status).toBe(303);
  const again = await conversation(h, { phone: c.phone });
  expect((await again.received()).slice(-2)).toEqual([
    expect.stringMatching(/menu automatique/),
    "Cela vous a-t-il aidé ?\n1. Oui\n2. Non",
  ]);
  expect(await again.send("oui")).toEqual(["Merci de nous l'avoir dit.", expect.stringMatching(/^Comment/)]);
  expect(await answersOf(c.phone)).toEqual([
    expect.objectContaining({ journey: "handoff", caseworkerId: user.id, language: "fr", helped: true }),
  ]);
});

test("not asked after an urgent handoff (a danger named): the close says only that it is closed", async () => {
  const c = await playLive(h, { lang: "en" }, [say("my husband beats me"), hear(/./), hear(/./)]);
  const id = await contactIdOf(c.phone);
  expect(await prisma().conversation.findUniqueOrThrow({ where: { contactId: id } })).toMatchObject({ urgent: true });
  const { c: staff } = await signedIn(h, "caseworker");
  await staff.post(`/staff/conversations/${id}/take`);
  await staff.post(`/staff/conversations/${id}/close`);
  const again = await conversation(h, { phone: c.phone });
  expect((await again.received()).at(-1)).toMatch(/closed this chat/);
  expect(await answersOf(c.phone)).toEqual([]);
});
