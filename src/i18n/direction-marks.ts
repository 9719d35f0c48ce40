/**
 * Direction marks in a translated text, by the project's bidi rules (src/i18n/bidi.ts,
 * src/channels/numbered-menu.ts): marks only, never isolates or embeddings, which phones from before 2013 draw
 * as boxes; the bot marks every shown value itself, so a template marks none; a right-to-left text keeps the
 * marks its current text has (the RLM that keeps a numbered line's number on the right); a left-to-right text
 * needs none.
 */
const ISOLATE_OR_EMBEDDING = /[\u202a-\u202e\u2066-\u2069]/u;
const MARK = /[\u200e\u200f\u061c]/gu;
const MARKED_VALUE = /\u200e\{\{|\}\}\u200e/u;

const marks = (text: string) => [...text.matchAll(MARK)].length;

export function directionMarkProblems(text: string, current: string | undefined, rtl: boolean): string[] {
  const problems: string[] = [];
  if (ISOLATE_OR_EMBEDDING.test(text))
    problems.push("holds a bidi isolate or embedding (U+2066-2069, U+202A-202E): older phones show boxes; use none");
  if (!rtl && marks(text) > 0) problems.push("holds a direction mark (LRM/RLM/ALM) in a left-to-right language");
  if (rtl && MARKED_VALUE.test(text))
    problems.push("puts an LRM beside a {{value}}: the bot marks shown values itself, so it would be marked twice");
  if (rtl && current !== undefined && marks(text) < marks(current))
    problems.push(`drops direction marks the current text has (${marks(current)}; this one ${marks(text)})`);
  return problems;
}
