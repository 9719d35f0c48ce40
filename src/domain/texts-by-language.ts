import { type Channel, textVariant } from "../channels/profile.ts";
import type { LocaleTexts } from "../i18n/texts.ts";

/**
 * A JSON column holding one text per language (a case's next step, a partner's opening hours), read
 * defensively: the column's type cannot promise its shape, so anything but a language -> text entry is left out.
 */
export function textsByLanguage(stored: unknown): Record<string, string> {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** The language of a data text given without one (`next_step`, `hours`), as the import and API docs say. */
const UNTAGGED = "en";
/** Says a text is in English, in the person's language; flows:check counts it as used. */
export const IN_ENGLISH = "data.in_english";

/**
 * Staff data shown to a person: their language's text where staff gave one, else the English one said to
 * be in English ("Next step: We are waiting… (in English)"), never English mid-sentence unannounced.
 * "" when there is none.
 */
export function dataText(
  texts: LocaleTexts,
  to: { language: string; channel: Channel },
  given: { untagged: string | undefined; byLanguage: Record<string, string> },
): string {
  const own = given.byLanguage[to.language];
  if (own) return own;
  const english = given.untagged || given.byLanguage[UNTAGGED];
  if (!english) return "";
  return to.language === UNTAGGED
    ? english
    : texts.t(to.language, IN_ENGLISH, { text: english }, textVariant(to.channel));
}
