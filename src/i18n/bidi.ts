import { PLACEHOLDER } from "./placeholders.ts";

/**
 * Values written left to right (phone numbers, case numbers, references, web and email addresses, opening
 * hours, an English note) inside a right-to-left text. The Unicode Bidirectional Algorithm reads digits
 * between right-to-left words as right-to-left runs: "+30 210 000 0101" shows as "0101 000 210 30+", and
 * "HVN-2024-0001" or the full stop of an English sentence land on the wrong side. A left-to-right mark on
 * each side makes the value one left-to-right run, whatever surrounds it.
 *
 * Marks rather than isolates (U+2066..2069): on the text the algorithm lays out the same (the tests check
 * it), but phones from before 2013, common on SMS, draw isolates as boxes (the menus' choice too,
 * src/engine/nodes/ask.ts). Each mark is one UCS-2 code unit, counted by flows:check.
 */
const LRM = "\u200e";

/** A letter written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko... (their digits are not letters). */
const RTL_LETTER = /(?!\p{N})[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/**
 * Runs the algorithm never splits: one word of letters and digits ("Caritas", "2024", "HVN2024"), or words of
 * letters alone with single spaces between them ("Alpha Legal Athens": a space between two letters of one
 * direction takes theirs). Digits, signs or punctuation among several words are what gets reordered.
 */
const ONE_RUN = /^(?:[\p{L}\p{M}\p{N}]*|[\p{L}\p{M}]+(?: [\p{L}\p{M}]+)*)$/u;

/** Whether `value`, inside a right-to-left text, needs the marks to keep its own order. */
export function needsMarks(value: string): boolean {
  // a value of several lines is a text made of texts (a list of partners), each value in it already marked
  return !value.includes("\n") && !ONE_RUN.test(value) && /[\p{L}\p{N}]/u.test(value) && !RTL_LETTER.test(value);
}

/** The value as a right-to-left text should hold it. */
export function keepLeftToRight(value: string): string {
  return needsMarks(value) ? `${LRM}${value}${LRM}` : value;
}

/** `$t(case.stages.{{case_stage}})`: a value inside a nesting names a text, it is never shown. */
const NESTING = /\$t\(([^)]*)\)/g;

/** The variables that some text uses inside `$t(...)` to name another text: they must reach i18next unchanged. */
export function keyVariables(texts: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const text of texts)
    for (const [, inside] of text.matchAll(NESTING))
      for (const [, name] of (inside ?? "").matchAll(PLACEHOLDER)) names.add(name!);
  return names;
}

/**
 * A template as the longest it can be sent in a right-to-left language, for counting SMS segments: any
 * shown value may come with its two marks.
 */
export function withPlaceholderMarks(template: string): string {
  const nested = [...template.matchAll(NESTING)].map((m) => [m.index, m.index + m[0].length] as const);
  return template.replace(PLACEHOLDER, (placeholder, _name, at: number) =>
    nested.some(([start, end]) => at >= start && at < end) ? placeholder : `${LRM}${placeholder}${LRM}`,
  );
}
