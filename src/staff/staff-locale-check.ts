import {
  flattenKeys,
  formatPlaceholderMismatch,
  missingKeys,
  PLURAL,
  placeholderMismatches,
  staleKeys,
} from "../i18n/locale-check.ts";
import type { Resources } from "../i18n/texts.ts";
import { STAFF_DEFAULT } from "./staff-text.ts";

/** The languages the staff app must speak in full; another may be added with its own staff.json. */
export const STAFF_LANGUAGES = ["en", "fr", "ar"];

/**
 * What keeps a staff.json from speaking as English does: a required language without one, a text English
 * has and it lacks (or a plural form its language needs, Arabic's six), a text English dropped, or a
 * placeholder English fills that the translation leaves out or invents.
 */
export function staffLocaleProblems(resources: Resources): string[] {
  const at = (language: string) => `locales/${language}/staff.json`;
  const english = [...flattenKeys(resources[STAFF_DEFAULT]).keys()];
  const plurals = new Set(english.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
  const forms = Object.entries(resources).flatMap(([language, tree]) => {
    const has = new Set(flattenKeys(tree).keys());
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    return [...plurals].flatMap((base) =>
      needed.filter((form) => !has.has(`${base}_${form}`)).map((form) => `${at(language)}: no "${base}_${form}"`),
    );
  });
  return [
    ...STAFF_LANGUAGES.filter((l) => !resources[l]).map((l) => `${at(l)} is missing`),
    ...missingKeys(resources, STAFF_DEFAULT).map((m) => `${at(m.language)}: missing "${m.key}"`),
    ...forms,
    ...staleKeys(resources, STAFF_DEFAULT).map((m) => `${at(m.language)}: "${m.key}" is not in English (remove it)`),
    ...placeholderMismatches(resources, STAFF_DEFAULT).map(
      (m) => `${at(m.language)}: "${m.key}" ${formatPlaceholderMismatch(m)}`,
    ),
  ];
}
