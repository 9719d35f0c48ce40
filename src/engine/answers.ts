import { foldArabicScript } from "./arabic-script.ts";
import { toAsciiDigits } from "./digits.ts";
import type { Answer } from "./schema.ts";
import type { Input, Value } from "./types.ts";

export type Parsed = { ok: true; value: Value; next?: string } | { ok: false; reason: string };

// Characters that change how a reply looks, never what it says: variation selectors ("✋️" is ✋ + U+FE0F),
// enclosing marks (the keycap U+20E3 of "1️⃣"), skin tones, and format characters (zero-width joiners,
// the bidi marks a copied menu line starts with). Removed anywhere, so "1️⃣" is 1 and "STOP ✋️" is STOP.
const PRESENTATION = /[\p{Variation_Selector}\p{Me}\p{Emoji_Modifier}\p{Cf}]/gu;

/**
 * Lower case the same on every server, whatever its locale (a Turkish locale lowers "I" to "ı", any other
 * lowers "İ" to "i" + a combining dot). Dotted and dotless i are one letter here, as people type Turkish
 * on any keyboard: "DİL" is "dil"; "HAYIR", "hayır" and "hayir" are one word. Risk words use it too.
 */
export function foldCase(text: string): string {
  return text
    .replace(/[İı]/gu, "i")
    .toLowerCase()
    .replace(/i\u0307/gu, "i");
}

/** Lower-case, ASCII digits, no surrounding spaces or punctuation: how people type on a small keyboard. */
export function normalizeReply(text: string): string {
  return foldCase(foldArabicScript(toAsciiDigits(text.replace(PRESENTATION, "")).normalize("NFC")))
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
    .replace(/\s+/g, " ");
}

// keyword and number lists come from the locale texts, which
// hand out the same array every time: each is normalised once
const normalizedLists = new WeakMap<readonly string[], string[]>();
export function normalizedWords(list: readonly string[]): string[] {
  let words = normalizedLists.get(list);
  if (!words) normalizedLists.set(list, (words = list.map(normalizeReply)));
  return words;
}

type ChoiceOption = Extract<Answer, { type: "choice" }>["options"][number];

/** How a choice's words are found: its keywords and its own label, in the person's language. */
export interface ChoiceWords {
  /** the option's label as shown; it may carry variables (a partner's name), so it is normalised on each reply */
  label(option: ChoiceOption): string;
  /** the option's keyword lists, each the locale texts' own array, so each is normalised only once */
  keywords(option: ChoiceOption): readonly (readonly string[])[];
  /**
   * "one".."twelve" (the longest menu) of each language the person
   * may use, in order: index 0 picks the first option ("" for none)
   */
  numberWords?(): string[][];
}

export function parseAnswer(answer: Answer, input: Input, words: ChoiceWords): Parsed {
  const reply = normalizeReply(input.text);
  switch (answer.type) {
    case "choice": {
      // numbers count the listed options only; words find any option, listed or not
      const listed = answer.options.filter((o) => o.listed);
      const n = /^\d{1,2}$/.test(reply) ? Number(reply) : NaN;
      const byNumber = listed[n - 1];
      if (byNumber) return { ok: true, value: byNumber.value, next: byNumber.next };
      const index = answer.options.findIndex(
        (o) =>
          normalizeReply(words.label(o)) === reply ||
          words.keywords(o).some((list) => normalizedWords(list).includes(reply)),
      );
      // an option's own words first, then number words; a place left "" in a number list has no word (Farsi
      // "نه" is "no" as well as "nine": never a number), so an empty reply (a 👍 alone, a voice note) is none
      const counted =
        reply === ""
          ? undefined
          : (words.numberWords?.() ?? [])
              .map((list) => normalizedWords(list).indexOf(reply))
              .find((i) => i >= 0 && i < listed.length);
      const byWord = answer.options[index] ?? (counted === undefined ? undefined : listed[counted]);
      return byWord ? { ok: true, value: byWord.value, next: byWord.next } : { ok: false, reason: "not_an_option" };
    }
    case "number": {
      const cleaned = reply.replace(/[\s٬,](?=\d{3}\b)/g, "").replace(/[٫,]/, ".");
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, reason: "not_a_number" };
      const value = Number(cleaned);
      if (answer.integer && !Number.isInteger(value)) return { ok: false, reason: "not_an_integer" };
      if (answer.min !== undefined && value < answer.min) return { ok: false, reason: "too_small" };
      if (answer.max !== undefined && value > answer.max) return { ok: false, reason: "too_large" };
      return { ok: true, value };
    }
    case "text": {
      const text = input.text.trim();
      // where the flow allows it, a voice note or photo is an answer
      // in its own right: many people cannot or will not type
      if (answer.accept_media && text.length === 0 && input.media.length > 0) return { ok: true, value: "" };
      if (text.length < answer.min_length) return { ok: false, reason: "too_short" };
      if (text.length > answer.max_length) return { ok: false, reason: "too_long" };
      return { ok: true, value: text };
    }
    case "pattern": {
      let text = toAsciiDigits(input.text).trim().replace(/\s+/g, " ");
      if (answer.upper) text = text.toUpperCase();
      return answer.regex.test(text) ? { ok: true, value: text } : { ok: false, reason: "no_match" };
    }
  }
}
