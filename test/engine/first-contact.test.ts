import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { bot, languageSet, transcript, user, welcomeEnd } from "../support/transcript.ts";

// A new person's first message: the language list offers the languages of its script first, a guess
// is only made when the message says enough, and every question of it understands a language's name.
const texts = createTexts(readLocales("locales"), "en");
const t = (lng: string, key: string) => texts.t(lng, key, {}, "whatsapp");
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * the language list as a new person reads it: its heading (in the
 * script's languages), then these languages and "more" numbered in order
 */
const list = (codes: string[], heading = "language.pick") =>
  new RegExp(
    `^${esc(t("en", heading))}\\n${[...codes.map((c) => t("en", `language_names.${c}`)), t("en", "language.more")].map((l, i) => `\u200e?${i + 1}\\. ${esc(l)}`).join("\\n")}$`,
  );
const page1 = ["en", "ar", "fr", "fa", "ps", "ur", "ku", "so"];

describe("a greeting in a script gets that script's languages first", () => {
  transcript("Cyrillic: Ukrainian and Russian, then more languages", {}, [
    user("Привет"),
    bot(list(["uk", "ru"], "language.pick_cyrillic")),
    user("2"),
    languageSet("ru"),
    bot(t("ru", "language.saved")),
    bot(t("ru", "welcome.intro")),
    ...welcomeEnd("ru"),
  ]);
  transcript("Ethiopic: Amharic and Tigrinya", {}, [
    user("ሰላም"),
    bot(list(["am", "ti"], "language.pick_ethiopic")),
    user("2"),
    languageSet("ti"),
    bot(t("ti", "language.saved")),
    bot(t("ti", "welcome.intro")),
    ...welcomeEnd("ti"),
  ]);
  transcript("Arabic script: Arabic, Farsi, Pashto, Urdu", {}, [
    user("السلام عليكم"),
    bot(list(["ar", "fa", "ps", "ur"], "language.pick_arabic")),
    user("4"),
    languageSet("ur"),
    bot(t("ur", "language.saved")),
    bot(t("ur", "welcome.intro")),
    ...welcomeEnd("ur"),
  ]);
  transcript("Latin: the list as before; 'more languages' in several scripts", {}, [user("hello"), bot(list(page1))]);
  transcript("'more languages' on a script's page leads to the whole list", {}, [
    user("Привет"),
    bot(list(["uk", "ru"], "language.pick_cyrillic")),
    user("3"),
    bot(list(page1)),
    user("9"),
    bot(t("en", "language_names.tr")),
  ]);
  transcript("a language's name typed on a script's page picks it, whatever the page lists", {}, [
    user("ሰላም"),
    bot(list(["am", "ti"], "language.pick_ethiopic")),
    user("English"),
    languageSet("en"),
    bot(t("en", "language.saved")),
    bot(t("en", "welcome.intro")),
    ...welcomeEnd("en"),
  ]);
});

describe("Arabic, Urdu or Farsi in Latin letters is asked, not guessed (it read as Swahili)", () => {
  for (const text of ["mujhe wakeel ki zaroorat hai", "ana mesh fahem", "salam man komak mikham"]) {
    transcript(`"${text}"`, {}, [user(text), bot(list(["ar", "fa", "ps", "ur"], "language.pick_arabic"))]);
  }
});

describe("the confirmation of a guess always has a way out", () => {
  const swahili = "Nahitaji msaada wa kupata daktari";
  transcript("a language's name at the confirmation picks it", {}, [
    user(swahili),
    languageSet("sw"),
    bot(t("sw", "welcome.confirm_language")),
    user("Русский"),
    languageSet("ru"),
    bot(t("ru", "language.saved")),
    bot(t("ru", "welcome.intro")),
    ...welcomeEnd("ru"),
  ]);
  transcript("anything unclear at the confirmation brings the list at once, numbered, each name in its script", {}, [
    user(swahili),
    languageSet("sw"),
    bot(t("sw", "welcome.confirm_language")),
    user("??"),
    bot(texts.t("sw", "language.pick", {}, "whatsapp")),
  ]);
  transcript("'another language' is also written in the words of the list's heading", {}, [
    user(swahili),
    languageSet("sw"),
    bot(/\n\u200e?2\. .* \/ Language \/ اللغة$/),
  ]);
  transcript("yes keeps the guess", {}, [
    user(swahili),
    languageSet("sw"),
    bot(t("sw", "welcome.confirm_language")),
    user("ndiyo"),
    bot(t("sw", "welcome.intro")),
    ...welcomeEnd("sw"),
  ]);
});
