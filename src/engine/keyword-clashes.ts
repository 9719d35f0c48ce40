import { normalizeReply } from "./answers.ts";
import type { Keywords } from "./schema.ts";
import type { Flows, Texts } from "./types.ts";

/** Reply words of their own: they answer questions, so they are replies too (with the keywords file's back words). */
const REPLY_KEYWORDS = { yes: "keywords.yes", no: "keywords.no" };

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

export interface KeywordClash {
  language: string;
  keyword: string;
  word: string;
  /** the locale whose reply the word is, and what it answers there */
  other: string;
  answers: string;
}

/**
 * Keywords that work at any time must never be a word people answer with: "لغو" (cancel) was STOP in Farsi,
 * so someone cancelling a question was unsubscribed. A new person's words are read in every locale, so each
 * keyword is kept apart from the reply words of all locales, not only its own.
 */
export function keywordClashes(
  flows: Flows,
  texts: Texts,
  languages: readonly string[],
  keywords: Keywords,
): KeywordClash[] {
  // each trigger of flows/keywords.yaml by the name of its word list ("keywords.stop" -> "stop")
  const global = Object.fromEntries(keywords.triggers.map((t) => [t.words.replace(/^keywords\./, ""), t.words]));
  const replies = new Map(languages.map((lng) => [lng, replyWords(flows, texts, lng, global, keywords.back)]));
  return languages.flatMap((language) =>
    Object.entries(global).flatMap(([keyword, key]) =>
      texts.words(language, key).flatMap((word) => {
        const normal = normalizeReply(word);
        return languages.flatMap((other) => {
          const answers =
            replies.get(other)?.get(normal) ??
            (EVERYDAY[other]?.some((w) => normalizeReply(w) === normal) ? "everyday word" : undefined);
          return answers ? [{ language, keyword, word, other, answers }] : [];
        });
      }),
    ),
  );
}

/** Every word that answers a question somewhere: the options' words and labels of every flow, number words, yes/no/back. */
function replyWords(
  flows: Flows,
  texts: Texts,
  lng: string,
  global: Record<string, string>,
  back: string,
): Map<string, string> {
  const words = new Map<string, string>();
  const add = (list: readonly string[], what: string) => {
    for (const w of list) if (w !== "") words.set(normalizeReply(w), what);
  };
  for (const flow of flows.values()) {
    for (const node of flow.nodes.values()) {
      if (node.type !== "ask" || node.answer.type !== "choice") continue;
      for (const o of node.answer.options) {
        // an option that is the keyword's own meaning ("Main menu" leading to the menu) does not clash with it
        if (o.value in global) continue;
        add([texts.t(lng, o.label, {})], `${flow.id}/${node.id} ${o.value}`);
        if (o.keywords) add(texts.words(lng, o.keywords), `${flow.id}/${node.id} ${o.value}`);
      }
    }
  }
  add(texts.words(lng, "numbers.words"), "number");
  for (const [name, key] of Object.entries({ ...REPLY_KEYWORDS, back })) add(texts.words(lng, key), name);
  return words;
}

export function formatClash(c: KeywordClash): string {
  return `${c.language}: keyword ${c.keyword} "${c.word}" is a reply in ${c.other} (${c.answers}); a keyword must never be an answer`;
}
