import { readFileSync } from "node:fs";
import { normalizeReply } from "../../src/engine/index.ts";
import { detectLanguage } from "../../src/i18n/detect-language.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { bot, bundledFlows, transcript, user } from "../support/transcript.ts";

// Every locale, through the welcome, the language list, the main menu and LANG, with its own reply words.
const texts = createTexts(readLocales("locales"), "en");
const t = (lng: string, key: string) => texts.t(lng, key, {}, "whatsapp");
const sentences: Record<string, { detect: string[] }> = JSON.parse(readFileSync("test/fixtures/language-eval.json", "utf8"));
const pick = bundledFlows.get("language")?.nodes.get("pick");
const order = pick?.type === "ask" && pick.answer.type === "choice" ? pick.answer.options.map((o) => o.value) : [];

test("the language list offers all 17 locales, each name in its own script", () => {
  expect([...order].sort()).toEqual([...texts.languages].sort());
});

/** the main menu as the person reads it: RTL locales keep each number between right-to-left marks */
function menu(lng: string): RegExp {
  const mark = texts.rtl(lng) ? "\u200f" : "";
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lines = ["rights", "case", "find_help", "report_need", "person"].map((k, i) => `${mark}${i + 1}\\. ${esc(t(lng, `menu.${k}`))}`);
  return new RegExp(`^${esc(t(lng, "menu.prompt"))}\\n${lines.join("\\n")}$`);
}

describe.each(order.map((lng, i) => [lng, i + 1] as const))("%s", (lng, n) => {
  const own = (key: string) => texts.words(lng, key);
  transcript(`picked from the list by number, then LANG in ${lng} and a number word`, {}, [
    user("hi"), bot(new RegExp(`\\n\u200e?${n}\\. ${t("en", `language_names.${lng}`).replace(/[()]/g, "\\$&")}(\\n|$)`)),
    user(String(n)), bot(t(lng, "language.saved")), bot(t(lng, "welcome.intro")), bot(menu(lng)),
    user(own("keywords.lang")[0]!), bot(t(lng, "language.pick")),
    // "one" in the person's language picks the first language of the list: English
    user(own("numbers.words")[0]!), bot(t("en", "language.saved")), bot(menu("en")),
  ]);

  const sentence = sentences[lng]?.detect.find((s) => {
    const d = detectLanguage(s, texts.languages);
    return d.ok && d.language === lng;
  });
  transcript(`recognised from a sentence, confirmed with ${lng}'s own "yes"`, {}, [
    user(sentence ?? "(no sentence of the evaluation set is recognised)"), bot(t(lng, "welcome.confirm_language")),
    user(own("keywords.yes")[0]!), bot(t(lng, "welcome.intro")), bot(menu(lng)),
  ]);
});

transcript("a person's choice wins: after choosing Farsi, a message in English does not switch the language", { lang: "fa" }, [
  user("hello, I need help with my papers"), bot(menu("fa")),
  user("what does this mean"), bot(new RegExp(`^${t("fa", "engine.retry")}\n${t("fa", "menu.prompt")}`)),
]);

test.each(order)("%s: a reply word means one thing (global keywords win over every menu, so they must not be menu words)", (lng) => {
  const both = (key: string) => [...texts.words(lng, key), ...(lng === "en" ? [] : texts.words("en", key))].map(normalizeReply);
  const globals = ["menu", "lang", "help", "stop", "start"].flatMap((k) => both(`keywords.${k}`).map((w) => [w, k] as const));
  const menus = [
    ...["yes", "no", "rights", "case", "find_help", "report_need", "person"].flatMap((k) => both(`keywords.${k}`).map((w) => [w, k] as const)),
    ...both("numbers.words").map((w) => [w, "number"] as const),
    ...order.flatMap((code) => both(`language_words.${code}`).map((w) => [w, `language ${code}`] as const)),
  ];
  const owner = new Map<string, string>();
  const clashes = [...globals, ...menus].flatMap(([w, k]) => {
    const other = owner.get(w);
    owner.set(w, other ?? k);
    // between menu words, an option's own words win over number words ("نه": Farsi "no" and "nine")
    return other && other !== k && globals.some(([g]) => g === w) ? [`"${w}": ${other} / ${k}`] : [];
  });
  expect(clashes).toEqual([]);
});
