import { NEED_REFERENCE, newNeedReference } from "../../src/domain/needs/reference.ts";
import { hear, playLive, say } from "../support/live-transcript.ts";
import { reportNeedSteps } from "../support/needs.ts";
import { harnessForFile } from "../support/harness.ts";

const h = harnessForFile();

const VOICE_NOTE = {
  url: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
  contentType: "audio/ogg",
};
const PHOTO = {
  url: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2",
  contentType: "image/jpeg",
};

test("references are short, free of look-alike characters, and random rather than counted", () => {
  const refs = Array.from({ length: 2000 }, newNeedReference);
  for (const r of refs) expect(r).toMatch(NEED_REFERENCE);
  expect(refs.join("")).not.toMatch(/[01ILO]/);
  expect(new Set(refs).size).toBeGreaterThan(1990);
});

/** The person's needs as staff and dashboards read them: from the Need table, oldest first. */
async function needsOf(phone: string) {
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: phone } });
  return h.server.db.prisma.need.findMany({
    where: { contactId: contact.id },
    include: { attachments: true },
    orderBy: { id: "asc" },
  });
}

/** What the bot sent this person, joined: the reference must be in it. */
const sentTo = (address: string) => h.twilio.to(address).join("\n");

test("English: a voice note with no words is the description; stored with area, language and channel, never the phone", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("4"),
    hear(
      /^What do you need help with\? Reply with a number:\n1\. Health care[\s\S]*4\. Shelter[\s\S]*12\. Work and income$/,
    ),
    say("shelter"),
    hear(
      /^How soon do you need help\? If you are in danger now, call 112.\n1\. Today\n2\. This week\n3\. It can wait$/,
    ),
    say("5"),
    hear(/^Sorry, please reply with one of the numbers.\nHow soon/),
    say("1"),
    hear(/^Where are you\?\n1\. Athens\n2\. Thessaloniki\n3\. Lesvos\n4\. Samos\n5\. Ioannina\n6\. Somewhere else$/),
    say("6"),
    hear(/write the name of your town, island or camp/),
    say("x"),
    hear(/^Please write the name of the place, in a few letters or words.\nPlease write the name of your town/),
    say("Chios, Vial camp"),
    hear(/Tell us in your own words[\s\S]*voice note or a photo/),
    say("", [VOICE_NOTE]),
    hear(
      /^Thank you. We have your message about: Shelter. Your reference number is N-[2-9A-HJKMNP-Z]{5}\. [\s\S]*Send MENU/,
    ),
  ]);
  const [need] = await needsOf(c.phone);
  expect(need).toMatchObject({
    category: "shelter",
    urgency: "today",
    area: "other",
    areaOther: "Chios, Vial camp",
    text: "",
    language: "en",
    channel: "whatsapp",
    status: "new",
    attachments: [expect.objectContaining({ url: VOICE_NOTE.url, contentType: "audio/ogg" })],
  });
  expect(need!.reference).toMatch(NEED_REFERENCE);
  expect(sentTo(`whatsapp:${c.phone}`)).toContain(need!.reference);
  // aggregate views read Need alone: it holds no phone number, in no column
  expect(JSON.stringify(need)).not.toContain(c.phone.slice(1));
  expect(Object.keys(need!).sort()).toEqual([
    "area",
    "areaOther",
    "attachments",
    "category",
    "channel",
    "contactId",
    "createdAt",
    "id",
    "language",
    "reference",
    "reviewedCategory",
    "risk",
    "status",
    "tags",
    "text",
    "textErasedAt",
    "urgency",
  ]);
});

test("a voice note does not answer a question that wants words; a second report does not keep the first one's place", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...reportNeedSteps("1", "3", "6"),
    hear(/town, island or camp/),
    say("", [VOICE_NOTE]),
    hear(/^Please write the name of the place/),
    say("Kos"),
    hear(/Tell us in your own words/),
    say("My son needs his asthma medicine"),
    hear(/reference number is N-/),
    say("menu"),
    hear(/How can we help/),
    say("4"),
    hear(/What do you need help with/),
    say("5"),
    hear(/How soon/),
    say("2"),
    hear(/Where are you/),
    say("athens"),
    hear(/Tell us in your own words/),
    say("We have no food since Monday"),
    hear(/We have your message about: Food/),
  ]);
  const needs = await needsOf(c.phone);
  expect(needs.map((n) => [n.category, n.urgency, n.area, n.areaOther, n.text, n.attachments.length])).toEqual([
    ["health", "can_wait", "other", "Kos", "My son needs his asthma medicine", 0],
    ["food", "week", "athens", null, "We have no food since Monday", 0],
  ]);
  expect(needs[0]!.reference).not.toBe(needs[1]!.reference);
});

test("Arabic on SMS: help after violence, this week, Athens, in the person's words", async () => {
  const c = await playLive(h, { lang: "ar", channel: "sms" }, [
    say("مرحبا"),
    hear(/كيف يمكننا مساعدتك/),
    say("٤"),
    hear(/^ما حاجتك؟\n\u200f1\. الصحة\n[\s\S]*\u200f9\. بعد العنف[\s\S]*\u200f12\. العمل والدخل$/),
    say("١٣"),
    hear(/^عذراً.\nما حاجتك؟/),
    say("٩"),
    hear(/^متى تحتاج المساعدة؟ إذا كنت في خطر الآن، اتصل بـ 112./),
    say("٢"),
    hear(/^أين أنت؟\n\u200f1\. أثينا/),
    say("أثينا"),
    hear(/أخبرنا بكلماتك عمّا تحتاجه/),
    say("أحتاج إلى مكان آمن لي ولأطفالي"),
    hear(/^شكراً لك. وصلتنا رسالتك. رقمك المرجعي \u200eN-[2-9A-HJKMNP-Z]{5}\u200e\./),
  ]);
  const [need] = await needsOf(c.phone);
  expect(need).toMatchObject({
    category: "gbv",
    urgency: "week",
    area: "athens",
    areaOther: null,
    text: "أحتاج إلى مكان آمن لي ولأطفالي",
    language: "ar",
    channel: "sms",
    attachments: [],
  });
  expect(sentTo(c.phone)).toContain(need!.reference);
});

test("French: health care, can wait, Lesbos by name, words and a photo together", async () => {
  const c = await playLive(h, { lang: "fr" }, [
    say("bonjour"),
    hear(/Comment pouvons-nous vous aider/),
    say("4"),
    hear(/^De quelle aide avez-vous besoin \? Répondez par un numéro :\n1\. Soins de santé/),
    say("1"),
    hear(/^Pour quand avez-vous besoin d'aide \?[\s\S]*3\. Cela peut attendre$/),
    say("demain"),
    hear(/^Désolé, répondez avec l'un des numéros.\nPour quand/),
    say("3"),
    hear(/^Où êtes-vous \?\n1\. Athènes\n2\. Thessalonique\n3\. Lesbos/),
    say("Lesbos"),
    hear(/Dites-nous avec vos mots/),
    say("Voici l'ordonnance du médecin", [PHOTO]),
    hear(
      /^Merci. Nous avons bien reçu votre message \(Soins de santé\). Votre numéro de référence est N-[2-9A-HJKMNP-Z]{5}\./,
    ),
  ]);
  const [need] = await needsOf(c.phone);
  expect(need).toMatchObject({
    category: "health",
    urgency: "can_wait",
    area: "lesvos",
    text: "Voici l'ordonnance du médecin",
    language: "fr",
    channel: "whatsapp",
    attachments: [expect.objectContaining({ url: PHOTO.url, contentType: "image/jpeg" })],
  });
});
