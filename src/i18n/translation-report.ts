import { directionMarkProblems } from "./direction-marks.ts";
import {
  asSent,
  flattenKeys,
  formatPlaceholderMismatch,
  MAX_SMS_SEGMENTS,
  placeholderMismatch,
  textMessages,
  tooLong,
} from "./locale-check.ts";
import type { Resources } from "./texts.ts";
import { setLeaf, type Translation, type TranslationUnit, translationValue } from "./translation-units.ts";

/** One text of an imported file that is not taken, and why. */
export interface Finding {
  key: string;
  reason: string;
}

export interface TranslationReport {
  /** the texts that passed every check, ready to write */
  accepted: Map<string, Translation>;
  /** keys of the accepted texts that differ from the locale's files */
  changed: string[];
  findings: Finding[];
}

export interface ImportedText {
  text: string;
  /** the English the translator saw, where the file carries it (XLIFF's source) */
  source?: string;
}

/**
 * Checks a translator's texts for one locale as flows:check would, text by text: a key English does not have,
 * a placeholder dropped or added, direction marks against the bidi rules, and the SMS rule (a message over 3
 * segments fails unless its `_sms` variant fits). A text with a finding is not taken; the others are.
 */
export function checkTranslations(options: {
  resources: Resources;
  language: string;
  defaultLanguage: string;
  rtl: boolean;
  units: readonly TranslationUnit[];
  imported: ReadonlyMap<string, ImportedText>;
}): TranslationReport {
  const { resources, language, defaultLanguage, rtl, units, imported } = options;
  const byKey = new Map(units.map((u) => [u.key, u]));
  const english = flattenKeys(resources[defaultLanguage]);
  const findings: Finding[] = [];
  const accepted = new Map<string, Translation>();
  for (const [key, { text, source }] of imported) {
    const unit = byKey.get(key);
    if (!unit) {
      findings.push({
        key,
        reason: "unknown key: English has no such text (or this language has no such plural form)",
      });
      continue;
    }
    // an empty target is a text not translated yet
    if (text === "" && unit.source !== "") continue;
    const reasons = [
      ...(source !== undefined && source !== unit.source
        ? ["the English text changed since this file was made: translate the new English"]
        : []),
      ...[placeholderMismatch(language, key, text, english) ?? []].flat().map(formatPlaceholderMismatch),
      ...(unit.list ? [] : directionMarkProblems(text, unit.target, rtl)),
    ];
    if (reasons.length) findings.push(...reasons.map((reason) => ({ key, reason })));
    else accepted.set(key, translationValue(unit, text));
  }
  for (const long of tooLongAfter(resources, language, defaultLanguage, rtl, accepted)) {
    findings.push({
      key: long.key,
      reason: `is ${long.segments} SMS segments as sent (at most ${MAX_SMS_SEGMENTS}): shorten it or add a "_sms" variant`,
    });
    accepted.delete(long.key);
  }
  const current = flattenKeys(resources[language]);
  const changed = [...accepted].filter(([key, value]) => JSON.stringify(current.get(key)) !== JSON.stringify(value));
  return { accepted, changed: changed.map(([key]) => key), findings };
}

/** The accepted texts whose message, with them in the locale, is too long for SMS: flows:check's measure of texts. */
function tooLongAfter(
  resources: Resources,
  language: string,
  defaultLanguage: string,
  rtl: boolean,
  accepted: ReadonlyMap<string, Translation>,
): { key: string; segments: number }[] {
  const locale = structuredClone(resources[language] ?? {});
  for (const [key, value] of accepted) setLeaf(locale, key.split("."), value);
  const messages = asSent(
    textMessages({ [defaultLanguage]: resources[defaultLanguage], [language]: locale }, defaultLanguage),
    (lng) => lng === language && rtl,
  );
  return tooLong(messages)
    .filter((t) => t.language === language)
    .flatMap((t) =>
      [t.id, `${t.id}_sms`].filter((key) => accepted.has(key)).map((key) => ({ key, segments: t.segments })),
    );
}
