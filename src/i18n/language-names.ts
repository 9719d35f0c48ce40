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
