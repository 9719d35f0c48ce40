import { withPlaceholderMarks } from "./bidi.ts";
import { placeholderNames } from "./placeholders.ts";
import { MAX_SMS_SEGMENTS, smsSize } from "./sms-segments.ts";

export { MAX_SMS_SEGMENTS };

export const PLURAL = /_(zero|one|two|few|many|other)$/;
export const SMS_VARIANT = /_sms$/;

/** Every leaf of a locale tree by its dotted key; a list (reply words) is one leaf. */
export function flattenKeys(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree !== null && typeof tree === "object" && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree)) {
      for (const [key, leaf] of flattenKeys(v, prefix ? `${prefix}.${k}` : k)) out.set(key, leaf);
    }
  } else if (prefix) {
    out.set(prefix, tree);
  }
  return out;
}

// plural forms differ by language (Arabic has six, Burmese one): "x_one" in English asks for some "x_*"
const pluralBase = (key: string) => key.replace(PLURAL, "_*");

const oneForm = (language: string) => new Intl.PluralRules(language).resolvedOptions().pluralCategories.length === 1;

export interface MissingKey {
  language: string;
  key: string;
}

/**
 * Keys the default locale has and another lacks: a person would read English in the middle of Somali.
 * An SMS variant is the exception: a language whose text already fits needs no shorter one.
 */
export function missingKeys(resources: Record<string, unknown>, defaultLanguage: string): MissingKey[] {
  const wanted = new Set(
    [...flattenKeys(resources[defaultLanguage]).keys()].filter((k) => !SMS_VARIANT.test(k)).map(pluralBase),
  );
  const missing: MissingKey[] = [];
  for (const [language, tree] of Object.entries(resources)) {
    if (language === defaultLanguage) continue;
    const keys = [...flattenKeys(tree).keys()];
    // a language with one plural form (Burmese) says "x" the same for any count: its plain text serves
    const has = new Set(oneForm(language) ? keys.flatMap((k) => [pluralBase(k), `${k}_*`]) : keys.map(pluralBase));
    for (const key of wanted) if (!has.has(key)) missing.push({ language, key });
  }
  return missing;
}

/** Keys a locale still has that the default locale dropped: harmless, but a translator's wasted effort. */
export function staleKeys(resources: Record<string, unknown>, defaultLanguage: string): MissingKey[] {
  const known = new Set([...flattenKeys(resources[defaultLanguage]).keys()].map(pluralBase));
  return Object.entries(resources).flatMap(([language, tree]) =>
    language === defaultLanguage
      ? []
      : [...flattenKeys(tree).keys()]
          .filter((k) => !known.has(pluralBase(k)) && !SMS_VARIANT.test(k))
          .map((key) => ({ language, key })),
  );
}

export interface PlaceholderMismatch {
  language: string;
  key: string;
  /** names English interpolates and the translation does not */
  missing: string[];
  /** names the translation interpolates and English does not: i18next would leave them as written */
  added: string[];
}

/**
 * The placeholders a locale's text must carry: those of its English text. A plural form answers to all of
 * English's forms, where a form may say "one" instead of {{count}}; a locale's own SMS variant (English has
 * none) to the full text, of which it may leave values out to fit (the category of a saved need).
 */
function englishPlaceholders(key: string, english: Map<string, unknown>): { names: string[]; optional: string[] } {
  const names = (k: string) => {
    const text = english.get(k);
    return typeof text === "string" ? placeholderNames(text) : [];
  };
  if (PLURAL.test(key)) {
    const base = key.replace(PLURAL, "_");
    const forms = [...english.keys()].filter((k) => k.startsWith(base) && PLURAL.test(k));
    return { names: [...new Set(forms.flatMap(names))], optional: ["count"] };
  }
  if (SMS_VARIANT.test(key) && !english.has(key)) {
    const full = names(key.replace(SMS_VARIANT, ""));
    return { names: full, optional: full };
  }
  return { names: names(key), optional: [] };
}

/** How one translated text differs from English in its placeholders; undefined when it does not. */
export function placeholderMismatch(
  language: string,
  key: string,
  text: unknown,
  english: Map<string, unknown>,
): PlaceholderMismatch | undefined {
  if (typeof text !== "string") return undefined;
  const wanted = englishPlaceholders(key, english);
  const has = placeholderNames(text);
  const missing = wanted.names.filter((n) => !has.includes(n) && !wanted.optional.includes(n));
  const added = has.filter((n) => !wanted.names.includes(n));
  return missing.length || added.length ? { language, key, missing, added } : undefined;
}

/** Every text of every locale whose placeholders differ from English's: a value lost, or shown as "{{name}}". */
export function placeholderMismatches(
  resources: Record<string, unknown>,
  defaultLanguage: string,
): PlaceholderMismatch[] {
  const english = flattenKeys(resources[defaultLanguage]);
  return Object.entries(resources).flatMap(([language, tree]) =>
    language === defaultLanguage
      ? []
      : [...flattenKeys(tree)].flatMap(([key, text]) => placeholderMismatch(language, key, text, english) ?? []),
  );
}

export function formatPlaceholderMismatch(m: PlaceholderMismatch): string {
  const list = (names: string[]) => names.map((n) => `{{${n}}}`).join(", ");
  return [
    m.missing.length ? `drops ${list(m.missing)}` : "",
    m.added.length ? `adds ${list(m.added)}, which English does not have` : "",
  ]
    .filter(Boolean)
    .join(" and ");
}

/** One thing the bot sends, in each language: a text, or an ask node's question with its numbered options. */
export interface Message {
  id: string;
  /** what an SMS carries, by language; undefined where the language lacks it */
  sms: Record<string, string | undefined>;
}

/** Every text of the locales, in its SMS form: the `_sms` variant where one exists. */
export function textMessages(resources: Record<string, unknown>, defaultLanguage: string): Message[] {
  const leaves = Object.fromEntries(Object.entries(resources).map(([lng, tree]) => [lng, flattenKeys(tree)]));
  const keys = [...(leaves[defaultLanguage]?.keys() ?? [])].filter((k) => !SMS_VARIANT.test(k));
  return keys
    .filter((key) => typeof leaves[defaultLanguage]?.get(key) === "string")
    .map((key) => ({
      id: key,
      sms: Object.fromEntries(
        Object.entries(leaves).map(([lng, l]) => {
          const text = l.get(`${key}_sms`) ?? l.get(key);
          return [lng, typeof text === "string" ? text : undefined];
        }),
      ),
    }));
}

/**
 * The messages as they are sent: in a right-to-left language each value a text shows may come with two
 * direction marks (src/i18n/bidi.ts), UCS-2 code units the bill counts.
 */
export function asSent(messages: Message[], rtl: (language: string) => boolean): Message[] {
  return messages.map((m) => ({
    ...m,
    sms: Object.fromEntries(
      Object.entries(m.sms).map(([lng, text]) => [
        lng,
        text !== undefined && rtl(lng) ? withPlaceholderMarks(text) : text,
      ]),
    ),
  }));
}

export interface TooLong {
  id: string;
  language: string;
  segments: number;
}

export function tooLong(messages: Message[], limit = MAX_SMS_SEGMENTS): TooLong[] {
  return messages.flatMap((m) =>
    Object.entries(m.sms).flatMap(([language, text]) => {
      const segments = text === undefined ? 0 : smsSize(text).segments;
      return segments > limit ? [{ id: m.id, language, segments }] : [];
    }),
  );
}

/** Segments per message (rows) and language (columns); "·" where the text is missing, "!" past the limit. */
export function segmentTable(messages: Message[], languages: string[], limit = MAX_SMS_SEGMENTS): string {
  const width = Math.max(...messages.map((m) => m.id.length), 7);
  const head = `${"message".padEnd(width)} ${languages.map((l) => l.padStart(3)).join("")}`;
  const rows = messages.map((m) => {
    const cells = languages.map((l) => {
      const text = m.sms[l];
      if (text === undefined) return "  ·";
      const n = smsSize(text).segments;
      return `${n}${n > limit ? "!" : ""}`.padStart(3);
    });
    return `${m.id.padEnd(width)} ${cells.join("")}`;
  });
  return [head, ...rows].join("\n");
}
