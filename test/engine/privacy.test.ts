import { resume } from "../../src/engine/index.ts";
import { MAX_SMS_SEGMENTS, smsSize } from "../../src/i18n/sms-segments.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import {
  afterWelcome,
  bot,
  engineContext,
  event,
  handoff,
  languageSet,
  NOTICE,
  noticeShown,
  transcript,
  updatesAnswered,
  user,
  welcomeEnd,
} from "../support/transcript.ts";

// Consent on the record: the short privacy notice once (and once more when its version changes), PRIVACY
// for the whole text, "may we write to you first?" asked once in the welcome and changed with UPDATES.
const texts = createTexts(readLocales("locales"), "en");
const t = (lng: string, key: string, vars = {}) => texts.t(lng, key, vars, "whatsapp");

/** a new person picks English from the list: the welcome's intro follows */
const englishPicked = [
  user("hi"),
  bot(/Choose your language/),
  user("1"),
  languageSet("en"),
  bot("We will write in English"),
  bot(/^Welcome\./),
];

describe("a new person", () => {
  transcript("is shown the notice once, after their language, and asked once whether we may write first", {}, [
    ...englishPicked,
    bot(
      "Privacy: Haven runs this line. Twilio carries the messages (Meta too on WhatsApp). We keep your messages until you send ERASE, which deletes them. Send PRIVACY for more.",
    ),
    event({ type: "notice_shown", version: 1 }),
    bot("May we write to you first with news about your file or important announcements?\n1. Yes\n2. No"),
    user("yes"),
    event({ type: "updates_consent", consent: true }),
    bot("Thank you. We may write to you first. Send UPDATES to change this."),
    bot(/^How can we help/),
    // not again: the next message is answered as before
    user("1"),
    bot(/rights/i),
  ]);

  transcript("in Arabic says no in their words, then yes with the Arabic UPDATES", {}, [
    user("السلام عليكم أحتاج مساعدة"),
    languageSet("ar"),
    bot(/سنكتب لك بالعربية/),
    user("نعم"),
    bot(/أهلاً بك/),
    ...welcomeEnd("ar"),
    user("لا"),
    ...updatesAnswered("ar", false),
    bot(t("ar", "menu.prompt")),
    user(texts.words("ar", "keywords.updates")[0]!),
    bot(t("ar", "updates.ask")),
    user("نعم"),
    ...updatesAnswered("ar", true),
    bot(t("ar", "menu.prompt")),
  ]);

  transcript("who cannot answer the question is not taken to have said yes or no", {}, [
    ...englishPicked,
    ...welcomeEnd("en"),
    user("what?"),
    bot(/^Sorry.*\nMay we write to you first/s),
    user("I don't know"),
    bot("Nothing was saved. Send UPDATES when you want to answer."),
    bot(/^How can we help/),
  ]);
});

describe("PRIVACY and UPDATES, at any time", () => {
  transcript("PRIVACY gives the whole text in pages; it records no notice", { lang: "en" }, [
    user("privacy"),
    bot(/^Privacy 1\/3: Haven runs this help line\. Twilio carries your messages, and Meta too on WhatsApp/),
    bot(/^Privacy 2\/3: .* until you send ERASE\. A partner gets your details only if you agree\.$/),
    bot(/^Privacy 3\/3: ERASE deletes your data\. STOP stops all our messages\. UPDATES/),
  ]);

  transcript("PRIVACY in French words, in the person's language", { lang: "fr" }, [
    user("confidentialité"),
    bot(/^Confidentialité 1\/3/),
    bot(/^Confidentialité 2\/3/),
    bot(/^Confidentialité 3\/3/),
  ]);

  transcript("UPDATES changes the answer, then the menu; so does the menu's 'Messages from us'", { lang: "en" }, [
    user("UPDATES"),
    bot(/^May we write to you first/),
    user("2"),
    ...updatesAnswered("en", false),
    bot(/^How can we help.*\n6\. Messages from us\n7\. Feedback or complaint$/s),
    user("6"),
    bot(/^May we write to you first/),
    user("1"),
    ...updatesAnswered("en", true),
    bot(/^How can we help/),
  ]);

  transcript("Russian: новости is UPDATES", { lang: "ru" }, [
    user("новости"),
    bot(t("ru", "updates.ask")),
    user("да"),
    ...updatesAnswered("ru", true),
    bot(t("ru", "menu.prompt")),
  ]);
});

describe("a new notice version", () => {
  transcript("is shown once at the person's next message, before the answer", { lang: "en", noticeSeen: 0 }, [
    user("menu"),
    ...noticeShown("en"),
    bot(/^How can we help/),
    user("1"),
    bot(/rights/i),
  ]);

  transcript("is not put before STOP: the person is only told they are unsubscribed", { lang: "en", noticeSeen: 0 }, [
    user("STOP"),
    event({ type: "opted_out" }),
    bot(t("en", "engine.opted_out")),
  ]);

  transcript("is not put before an urgent answer to a named risk", { lang: "en", noticeSeen: 0 }, [
    user("he is going to kill me"),
    bot(t("en", "risk.emergency")),
    handoff("risk", true),
  ]);

  test("with the needs' retention set, the whole text says how long a need's words are kept", async () => {
    const ctx = { ...engineContext("sms"), notice: { ...NOTICE, vars: { ...NOTICE.vars, need_days: 90 } } };
    const r = await resume(ctx, afterWelcome("en"), { text: "PRIVACY", media: [] });
    const said = r.events.flatMap((e) => (e.type === "msg_created" ? [e.text] : []));
    expect(said[1]).toContain("until you send ERASE. What you tell us about a need is erased after 90 days. A partner");
  });
});

// flows:check measures the templates with {{org}} unfilled: here the notice and the pages as sent, with the
// default ORG_NAME and a needs' retention, in every locale, on SMS
test.each(texts.languages)("%s: the notice and each PRIVACY page fit in 3 SMS as sent", async (lng) => {
  const ctx = { ...engineContext("sms"), notice: { ...NOTICE, vars: { ...NOTICE.vars, need_days: 365 } } };
  const sent = async (text: string, session = afterWelcome(lng)) =>
    (await resume(ctx, session, { text, media: [] })).events.flatMap((e) => (e.type === "msg_created" ? [e.text] : []));
  const [notice] = await sent("MENU", afterWelcome(lng, 0));
  const pages = await sent("PRIVACY");
  expect(pages).toHaveLength(3);
  const tooLong = [notice!, ...pages].filter((text) => smsSize(text).segments > MAX_SMS_SEGMENTS);
  expect(tooLong).toEqual([]);
});
