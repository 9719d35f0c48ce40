import { newSession, normalizeReply, resume, type Session } from "../../src/engine/index.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import {
  bot,
  bundledFlows,
  engineContext,
  event,
  handoff,
  languageSet,
  noticeShown,
  transcript,
  user,
} from "../support/transcript.ts";

// Keywords that work at any time must never be a word people answer with: "لغو" (cancel) was STOP in
// Farsi, so someone cancelling a question was unsubscribed. A new person's words are read in every
// locale, so each keyword is kept apart from the reply words of all locales, not only its own.
const texts = createTexts(readLocales("locales"), "en");
const t = (lng: string, key: string) => texts.t(lng, key, {}, "whatsapp");
const GLOBAL_KEYS = ["menu", "lang", "help", "stop", "start", "erase"];

/**
 * Every word that answers a question somewhere: the options' words and labels of every flow, number words, yes/no/back.
 */
function replyWords(lng: string): Map<string, string> {
  const words = new Map<string, string>();
  const add = (list: readonly string[], what: string) => {
    for (const w of list) words.set(normalizeReply(w), what);
  };
  for (const flow of bundledFlows.values()) {
    for (const node of flow.nodes.values()) {
      if (node.type !== "ask" || node.answer.type !== "choice") continue;
      for (const o of node.answer.options) {
        // an option that is the keyword's own meaning ("Main menu" leading to the menu) does not clash with it
        if (GLOBAL_KEYS.includes(o.value)) continue;
        add([t(lng, o.label)], `${flow.id}/${node.id} ${o.value}`);
        if (o.keywords) add(texts.words(lng, o.keywords), `${flow.id}/${node.id} ${o.value}`);
      }
    }
  }
  add(texts.words(lng, "numbers.words"), "number");
  for (const k of ["yes", "no", "back"]) add(texts.words(lng, `keywords.${k}`), k);
  return words;
}

/** Everyday answers that were keywords once and must never be again (each a reported case). */
const EVERYDAY: Record<string, string[]> = {
  fa: ["لغو"], // cancel
  tr: ["dur"], // wait
  ps: ["بند"], // closed
  ur: ["بند"], // closed
  bn: ["বন্ধ"], // closed
  sw: ["acha"], // leave it; Urdu "ok" in Latin letters
  am: ["ሰርዝ"], // cancel
};

/** each locale's reply words, read once for all the locales' checks below */
const REPLY_WORDS = new Map(texts.languages.map((lng) => [lng, replyWords(lng)]));

test.each(texts.languages)("%s: no keyword that works at any time is a reply word of any locale", (lng) => {
  const clashes = GLOBAL_KEYS.flatMap((k) =>
    texts.words(lng, `keywords.${k}`).flatMap((w) =>
      texts.languages.flatMap((other) => {
        const what =
          REPLY_WORDS.get(other)?.get(normalizeReply(w)) ??
          (EVERYDAY[other]?.map(normalizeReply).includes(normalizeReply(w)) ? "everyday word" : undefined);
        return what ? [`${k} "${w}" is ${other} ${what}`] : [];
      }),
    ),
  );
  expect(clashes).toEqual([]);
});

test.each(texts.languages)("%s: has words to back out of a question", (lng) => {
  expect(texts.words(lng, "keywords.back").length).toBeGreaterThan(0);
});

describe("cancel or back inside a question is a reply, never STOP", () => {
  transcript("Farsi: 'لغو' at the erasure question cancels it, the person stays subscribed", { lang: "fa" }, [
    user("ERASE"),
    bot(t("fa", "erase.explain")),
    user("لغو"),
    bot(t("fa", "erase.kept")),
    user("MENU"),
    bot(t("fa", "menu.prompt")),
  ]);
  transcript(
    "Farsi: 'لغو' when asked to describe a need goes back to the menu, not saved as the need",
    { lang: "fa" },
    [
      user("MENU"),
      bot(t("fa", "menu.prompt")),
      user("4"),
      bot(t("fa", "needs.category_prompt")),
      user("1"),
      bot(t("fa", "needs.urgency_prompt")),
      user("1"),
      bot(t("fa", "needs.area_prompt")),
      user("1"),
      bot(t("fa", "needs.describe_prompt")),
      user("لغو"),
      // whatever it says, the answer to a personal question is kept as the person's own words (retention empties it)
      event({ type: "input_personal" }),
      bot(t("fa", "menu.prompt")),
    ],
  );
  transcript("Turkish: 'dur' (wait) is not STOP; 'durdur' is", { lang: "tr" }, [
    user("MENU"),
    bot(t("tr", "menu.prompt")),
    user("dur"),
    bot(t("tr", "engine.retry")),
    user("durdur"),
    event({ type: "opted_out" }),
    bot(t("tr", "engine.opted_out")),
  ]);
  for (const lng of ["ps", "ur"]) {
    transcript(`${lng}: 'بند' (closed) is a reply, not STOP`, { lang: lng }, [
      user("MENU"),
      bot(t(lng, "menu.prompt")),
      user("بند"),
      bot(t(lng, "engine.retry")),
    ]);
  }
});

describe("HELP in any locale's word as a first message: a person, and the language is noted (its menu follows)", () => {
  for (const lng of texts.languages) {
    const word = texts.words(lng, "keywords.help")[0]!;
    transcript(`${lng}: "${word}" first`, {}, [
      user(word),
      languageSet(lng),
      // no welcome is theirs: the privacy notice comes at this first contact, in their language, once
      ...noticeShown(lng),
      handoff("asked"),
      user("MENU"),
      bot(t(lng, "menu.prompt")),
    ]);
  }
});

transcript("a new person's STOP in their own word is honoured, answered in their language", {}, [
  user("إيقاف"),
  languageSet("ar"),
  event({ type: "opted_out" }),
  bot(t("ar", "engine.opted_out")),
]);

test("leaving a question for the menu or the welcome leaves the flows that called it too: 'back' again and again piles up nothing", async () => {
  const ctx = engineContext("whatsapp");
  let session: Session = newSession(null);
  const send = async (text: string) => {
    session = (await resume(ctx, session, { text, media: [] })).session;
  };
  await send("hello");
  for (let i = 0; i < 3; i++) await send("back");
  expect(session.stack.map((f) => f.flow)).toEqual(["welcome", "language"]);
  await send("1");
  // the welcome called the language list; once a language is picked, the welcome's one question (may we
  // write to you first?) is all there is above it
  expect(session.stack.map((f) => f.flow)).toEqual(["welcome", "updates"]);
});
