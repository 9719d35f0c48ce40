import type { Texts } from "../engine/index.ts";

/** A language's names in a locale are this and its code; flows:check counts them as used. */
export const LANGUAGE_WORD_TEXTS = "language_words.";

/**
 * Every locale's words for every language ("somali", "soomaali", "صومالي"), lower-cased, to the locale
 * code: a first message that is a language's name is the person choosing it.
 */
export function languageNames(languages: readonly string[], texts: Pick<Texts, "words">): Map<string, string> {
  const names = new Map<string, string>();
  for (const locale of languages) {
    for (const code of languages)
      for (const w of texts.words(locale, `${LANGUAGE_WORD_TEXTS}${code}`)) names.set(w, code);
  }
  return names;
}

const byVersion = new WeakMap<readonly string[], Map<string, string>>();

/**
 * languageNames of the texts as they are now. The texts are live (a publish swaps what is behind them) and a
 * version hands out the same arrays every time: a new array of the first language's own names is a new version,
 * whose names are read again.
 */
export function currentLanguageNames(
  texts: Pick<Texts, "words"> & { languages: readonly string[] },
): ReadonlyMap<string, string> {
  const first = texts.languages[0] ?? "";
  const version = texts.words(first, `${LANGUAGE_WORD_TEXTS}${first}`);
  let names = byVersion.get(version);
  if (!names) byVersion.set(version, (names = languageNames(texts.languages, texts)));
  return names;
}
