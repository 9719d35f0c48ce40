import type { Menu } from "../engine/index.ts";

const RLM = "\u200f";
const LRM = "\u200e";
const RTL_LETTER = /[\u0590-\u08ff]/u; // Hebrew, Arabic, Syriac, Thaana, N'Ko

/**
 * One numbered line of a menu. Phones lay out each line by its first strong letter, so a line whose label
 * is written right-to-left ("2. العربية" in the English language list) would put its number on the
 * other side. A direction mark first gives every line the direction of the person's language: the number
 * stays on the right in Arabic, Farsi, Pashto and Urdu, on the left elsewhere. Marks rather than isolates
 * (U+2066..2069): phones from before 2013, common on SMS, draw isolates as boxes. An LTR line with no RTL
 * letter gets no mark, which keeps English menus in the cheaper GSM-7 SMS alphabet.
 */
export function menuLine(n: number, label: string, rtl: boolean): string {
  const mark = rtl ? RLM : RTL_LETTER.test(label) ? LRM : "";
  return `${mark}${n}. ${label}`;
}

/**
 * A message as plain text: the question, then its choices as numbered lines, in one message (one SMS
 * bill, not several). What SMS sends, what the transcript keeps, and WhatsApp's fallback.
 */
export function numberedText(message: { text: string; menu?: Menu }): string {
  const { text, menu } = message;
  if (!menu) return text;
  return [text, ...menu.choices.map((c, i) => menuLine(i + 1, c.label, menu.rtl))].join("\n");
}
