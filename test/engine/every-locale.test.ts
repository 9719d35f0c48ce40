import { readFileSync } from "node:fs";
import { normalizeReply } from "../../src/engine/index.ts";
import { detectLanguage } from "../../src/i18n/detect-language.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import {
  bot,
  bundledFlows,
  languageSet,
  transcript,
  updatesAnswered,
  user,
  welcomeEnd,
} from "../support/transcript.ts";

// Every locale, through the welcome, the language list, the main menu and LANG, with its own reply words.
const texts = createTexts(readLocales("locales"), "en");
const t = (lng: string, key: string) => texts.t(lng, key, {}, "whatsapp");
const sentences: Record<string, { detect: string[] }> = JSON.parse(
  readFileSync("test/fixtures/language-eval.json", "utf8"),
);
/** the language list's pages as the person reads them: the listed options of each ask node */
const listedOn = (id: string) => {
  const node = bundledFlows.get("language")?.nodes.get(id);
  return node?.type === "ask" && node.answer.type === "choice"
    ? node.answer.options.filter((o) => o.listed).map((o) => o.value)
    : [];
};
const pages = [listedOn("pick"), listedOn("pick_more")];
const order = pages.flat().filter((v) => v !== "more");
const moreNumber = pages[0]!.indexOf("more") + 1;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** a line of the language list: its number, then the name (direction marks allowed before it) */
const listLine = (n: number, label: string) => new RegExp(`\\n\u200e?${n}\\. ${esc(label)}(\\n|$)`);

test("the language list offers all 17 locales, each name in its own script", () => {
  expect([...order].sort()).toEqual([...texts.languages].sort());
});

/** the main menu as the person reads it: RTL locales keep each number between right-to-left marks */
function menu(lng: string): RegExp {
  const mark = texts.rtl(lng) ? "\u200f" : "";
  const lines = ["rights", "case", "find_help", "report_need", "person", "updates", "feedback"].map(
    (k, i) => `${mark}${i + 1}\\. ${esc(t(lng, `menu.${k}`))}`,
  );
  return new RegExp(`^${esc(t(lng, "menu.prompt"))}\\n${lines.join("\\n")}$`);
}

describe.each(order)("%s", (lng) => {
  const own = (key: string) => texts.words(lng, key);
  const page = pages.findIndex((p) => p.includes(lng));
  const n = pages[page]!.indexOf(lng) + 1;
  const name = listLine(n, t("en", `language_names.${lng}`));
  // the second page is one step further: "more languages" first
  const reach =
    page === 0
      ? [bot(name)]
      : [bot(listLine(moreNumber, t("en", "language.more"))), user(String(moreNumber)), bot(name)];
  transcript(`picked from the list by number, then LANG in ${lng} and a number word`, {}, [
    user("hi"),
    ...reach,
    user(String(n)),
    languageSet(lng),
    bot(t(lng, "language.saved")),
    bot(t(lng, "welcome.intro")),
    ...welcomeEnd(lng),
    user(own("keywords.no")[0]!),
    ...updatesAnswered(lng, false),
    bot(menu(lng)),
    user(own("keywords.lang")[0]!),
    bot(t(lng, "language.pick")),
    // "one" in the person's language picks the first language of the list: English
    user(own("numbers.words")[0]!),
    // a change only for someone who was not reading English
    ...(lng === "en" ? [] : [languageSet("en")]),
    bot(t("en", "language.saved")),
    bot(menu("en")),
  ]);

  const sentence = sentences[lng]?.detect.find((s) => {
    const d = detectLanguage(s, texts.languages);
    return d.ok && d.language === lng;
  });
  transcript(`recognised from a sentence, confirmed with ${lng}'s own "yes"`, {}, [
    user(sentence ?? "(no sentence of the evaluation set is recognised)"),
    // the detected language is set at once, so the question is asked in it
    languageSet(lng),
    bot(t(lng, "welcome.confirm_language")),
    user(own("keywords.yes")[0]!),
    bot(t(lng, "welcome.intro")),
    ...welcomeEnd(lng),
    user(own("keywords.yes")[0]!),
    ...updatesAnswered(lng, true),
    bot(menu(lng)),
  ]);
});

transcript(
  "a person's choice wins: after choosing Farsi, a message in English does not switch the language",
  { lang: "fa" },
  [
    user("hello, I need help with my papers"),
    bot(menu("fa")),
    user("what does this mean"),
    bot(new RegExp(`^${t("fa", "engine.retry")}\n${t("fa", "menu.prompt")}`)),
  ],
);

/** the keywords a text names: its words in capitals (MENU, AIDE, ERASE) */
const named = (text: string) => (text.match(/\p{Lu}{2,}/gu) ?? []).map(normalizeReply);

test.each(order)("%s: the welcome names, on both channels, one word for each keyword that works at any time", (lng) => {
  const globals = ["menu", "help", "lang", "erase", "stop"];
  const naming = (channel: "sms" | "whatsapp") => {
    const words = named(texts.t(lng, "welcome.intro", {}, channel));
    return globals.filter(
      (k) =>
        words.filter((w) =>
          [...texts.words(lng, `keywords.${k}`), ...texts.words("en", `keywords.${k}`)].map(normalizeReply).includes(w),
        ).length === 1,
    );
  };
  expect(naming("whatsapp")).toEqual(globals);
  expect(naming("sms")).toEqual(globals);
});

test.each(order)("%s: the privacy texts name PRIVACY, ERASE and UPDATES in words that work", (lng) => {
  const works = (text: string, key: string) =>
    named(text).some((w) =>
      [...texts.words(lng, `keywords.${key}`), ...texts.words("en", `keywords.${key}`)].map(normalizeReply).includes(w),
    );
  expect(works(t(lng, "privacy.notice"), "privacy")).toBe(true);
  expect(works(t(lng, "privacy.notice"), "erase")).toBe(true);
  for (const key of ["privacy.full_3", "updates.saved_yes", "updates.saved_no", "updates.unanswered"])
    expect([key, works(t(lng, key), "updates")]).toEqual([key, true]);
});

/** The keywords a person may reply with: those that work at any time, then the menus' words. */
const GLOBAL_KEYS = ["menu", "lang", "help", "stop", "start", "erase", "privacy", "updates"];
const MENU_KEYS = ["yes", "no", "rights", "case", "find_help", "report_need", "person"];
const KEYS = [...GLOBAL_KEYS, ...MENU_KEYS];
/** a list in the language and in English (always understood), as replies are read */
const both = (lng: string, key: string) =>
  [...texts.words(lng, key), ...(lng === "en" ? [] : texts.words("en", key))].map(normalizeReply);

test.each(order)("%s: reply words typed in capitals, by the language's own rules, are the same words", (lng) => {
  const lists = [...KEYS.map((k) => `keywords.${k}`), "numbers.words"].map((key) => texts.words(lng, key));
  // Turkish "dil" in capitals is "DİL", "hayır" is "HAYIR"
  const changed = lists.flat().filter((w) => normalizeReply(w.toLocaleUpperCase(lng)) !== normalizeReply(w));
  expect(changed).toEqual([]);
});

test.each(order)(
  "%s: no number word is also a reply keyword (Farsi نه is 'no' and 'nine': nine has no word)",
  (lng) => {
    const keywords = new Set(KEYS.flatMap((k) => both(lng, `keywords.${k}`)));
    expect(both(lng, "numbers.words").filter((w) => keywords.has(w))).toEqual([]);
    expect(texts.words(lng, "numbers.words")).toHaveLength(12);
  },
);

test.each(order)(
  "%s: a reply word means one thing (global keywords win over every menu, so they must not be menu words)",
  (lng) => {
    const globals = GLOBAL_KEYS.flatMap((k) => both(lng, `keywords.${k}`).map((w) => [w, k] as const));
    const menus = [
      ...MENU_KEYS.flatMap((k) => both(lng, `keywords.${k}`).map((w) => [w, k] as const)),
      ...both(lng, "numbers.words").map((w) => [w, "number"] as const),
      ...order.flatMap((code) => both(lng, `language_words.${code}`).map((w) => [w, `language ${code}`] as const)),
    ];
    const owner = new Map<string, string>();
    const clashes = [...globals, ...menus].flatMap(([w, k]) => {
      const other = owner.get(w);
      owner.set(w, other ?? k);
      // between menu words, an option's own words win over number words (which a test above keeps apart from keywords)
      return other && other !== k && globals.some(([g]) => g === w) ? [`"${w}": ${other} / ${k}`] : [];
    });
    expect(clashes).toEqual([]);
  },
);
