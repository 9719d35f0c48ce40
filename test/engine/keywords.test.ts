import { formatClash, keywordClashes, newState, resume, type TurnState } from "../../src/engine/index.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import {
  bot,
  bundledFlows,
  bundledKeywords,
  engineContext,
  event,
  handoff,
  languageSet,
  noticeShown,
  transcript,
  user,
} from "../support/transcript.ts";

const texts = createTexts(readLocales("locales"), "en");
const t = (lng: string, key: string) => texts.t(lng, key, {}, "whatsapp");

// the rule flows:check applies (src/engine/keyword-clashes.ts), on the bundled flows and locales
test("no keyword that works at any time is a reply word of any locale", () => {
  expect(keywordClashes(bundledFlows, texts, texts.languages, bundledKeywords).map(formatClash)).toEqual([]);
});

test("a keyword that is another locale's answer or a reported everyday word is a clash, naming both", () => {
  const clashing = createTexts(
    {
      ...readLocales("locales"),
      xx: { keywords: { stop: ["dur", "hayır"], menu: ["zzz"], yes: [], no: [], back: [] }, numbers: { words: [] } },
    },
    "en",
  );
  const clashes = keywordClashes(bundledFlows, clashing, ["tr", "xx"], bundledKeywords).filter(
    (c) => c.language === "xx",
  );
  expect(clashes).toEqual([
    { language: "xx", keyword: "stop", word: "dur", other: "tr", answers: "everyday word" },
    { language: "xx", keyword: "stop", word: "hayır", other: "tr", answers: "no" },
  ]);
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
  let state: TurnState = newState(null);
  const send = async (text: string) => {
    state = await resume(ctx, state, { text, media: [] });
  };
  await send("hello");
  for (let i = 0; i < 3; i++) await send("back");
  expect(state.session.stack.map((f) => f.flow)).toEqual(["welcome", "language"]);
  await send("1");
  // the welcome called the language list; once a language is picked, the welcome's one question (may we
  // write to you first?) is all there is above it
  expect(state.session.stack.map((f) => f.flow)).toEqual(["welcome", "updates"]);
});
