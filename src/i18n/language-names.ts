import type { Texts } from "../engine/index.ts";

/**
 * Every locale's words for every language ("somali", "soomaali", "صومالي"), lower-cased, to the locale
 * code: a first message that is a language's name is the person choosing it.
 */
export function languageNames(languages: readonly string[], texts: Pick<Texts, "words">): Map<string, string> {
  const names = new Map<string, string>();
  for (const locale of languages) {
    for (const code of languages) for (const w of texts.words(locale, `language_words.${code}`)) names.set(w, code);
  }
  return names;
}
