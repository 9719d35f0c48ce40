import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type i18n } from "i18next";
import { z } from "zod";
import type { Texts, Value } from "../engine/index.ts";
import { keepLeftToRight, keyVariables } from "./bidi.ts";
import { flattenKeys, PLURAL } from "./locale-check.ts";
import { placeholderNames } from "./placeholders.ts";

export type Resources = Record<string, Record<string, unknown>>;

export class LocaleError extends Error {}

/** The staff app's texts (src/staff/staff-text.ts): in a language's folder, but not the bot's. */
export const STAFF_FILE = "staff.json";

/** A language's locale files by name, each with its sections. */
export type LocaleFiles = Map<string, Record<string, unknown>>;

/** The locale files, read once: file by file per language (for translation units) and merged (for the texts). */
export interface LocaleSet {
  files: Map<string, LocaleFiles>;
  merged: Resources;
}

/**
 * Every locales/<code>/*.json file, merged per language. Each journey owns its files, so a top-level
 * section defined twice is a mistake; it and a file that is not valid JSON stop start-up naming the file.
 */
export function readLocales(dir: string): Resources {
  return readLocaleSet(dir).merged;
}

/** readLocales, keeping the files as read too: a server needs both, and reads the folder once. */
export function readLocaleSet(dir: string): LocaleSet {
  const languages = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files = new Map(languages.map((language) => [language, readLocaleFiles(dir, language)]));
  const merged: Resources = {};
  for (const [language, sectionsByFile] of files) {
    const sections: Record<string, unknown> = {};
    const owner = new Map<string, string>();
    for (const [file, fileSections] of sectionsByFile) {
      const full = path.join(dir, language, file);
      for (const [section, value] of Object.entries(fileSections)) {
        const other = owner.get(section);
        if (other) throw new LocaleError(`${full}: section "${section}" is already defined in ${other}`);
        owner.set(section, full);
        sections[section] = value;
      }
    }
    merged[language] = sections;
  }
  return { files, merged };
}

/** A language's files (`core.json`...) in name order, each with its sections as written; the staff app's apart. */
export function readLocaleFiles(dir: string, language: string): LocaleFiles {
  return new Map(
    readdirSync(path.join(dir, language))
      .filter((f) => f.endsWith(".json") && f !== STAFF_FILE)
      .sort()
      .map((file) => [file, parseLocaleFile(path.join(dir, language, file))]),
  );
}

export function parseLocaleFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new LocaleError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sections = z.record(z.string(), z.unknown()).safeParse(parsed);
  if (!sections.success) throw new LocaleError(`${file}: must hold a JSON object of sections`);
  return sections.data;
}

export interface LocaleTexts extends Texts {
  readonly languages: string[];
  has(language: string, key: string): boolean;
}

/** i18next behind the engine's Texts: a channel may read a variant of a text (`key_sms`, an i18next context). */
export function createTexts(resources: Resources, defaultLanguage: string): LocaleTexts {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(Object.entries(resources).map(([lng, r]) => [lng, { translation: r }])),
    fallbackLng: defaultLanguage,
    initAsync: false,
    interpolation: { escapeValue: false }, // plain text messages, not HTML
    returnNull: false,
  });
  const fixed = new Map(Object.keys(resources).map((lng) => [lng, instance.getFixedT(lng)]));
  const wordLists = new PairCache<string[]>();
  const readWords = (language: string, key: string) => {
    const list: unknown = tFor(language)(key, { returnObjects: true });
    return Array.isArray(list) ? list.map((w) => String(w).toLowerCase()) : [];
  };
  // the resources never change, so a text with nothing to fill in is the same every time, whatever the session's
  // variables (a turn passes them all): menus render a dozen labels a turn, and i18next's lookup was ~9 % of the
  // server's CPU in the bench. Kept by variant (a handful), then language and key
  const plain = new Map<string | undefined, PairCache<string>>();
  const flat = Object.values(resources).map((tree) => flattenKeys(tree));
  const filled = keysFilledIn(flat);
  const filledTexts = new PairCache<FilledTexts>();
  const rtl = new Map(Object.keys(resources).map((lng) => [lng, instance.dir(lng) === "rtl"]));
  const tFor = (language: string) => fixed.get(language) ?? fixed.get(defaultLanguage) ?? instance.t;
  const keys = keyVariables(flat.flatMap((texts) => [...texts.values()].filter((v) => typeof v === "string")));
  // in a right-to-left text every shown value keeps its own direction (src/i18n/bidi.ts), whichever text holds it
  const shown = (language: string, vars: Record<string, Value>) =>
    rtl.get(language)
      ? Object.fromEntries(
          Object.entries(vars).map(([name, v]) => [
            name,
            typeof v === "string" && !keys.has(name) ? keepLeftToRight(v) : v,
          ]),
        )
      : vars;
  const render = (language: string, key: string, vars: Record<string, Value>, variant: string | undefined) =>
    tFor(language)(key, { ...shown(language, vars), context: variant });
  return {
    languages: Object.keys(resources),
    t(language: string, key: string, vars: Record<string, Value>, variant?: string): string {
      const fills = filled.get(key);
      if (fills === FILLED_OTHERWISE) return render(language, key, vars, variant);
      if (fills) {
        // the privacy notice, for each new person: the same few values every time (the organisation, the days)
        let byLanguage = filledTexts.get(language, key);
        if (!byLanguage) byLanguage = filledTexts.put(language, key, new FilledTexts(fills));
        return byLanguage.get(vars, variant, () => render(language, key, vars, variant));
      }
      let texts = plain.get(variant);
      if (!texts) plain.set(variant, (texts = new PairCache()));
      return texts.get(language, key) ?? texts.put(language, key, render(language, key, vars, variant));
    },
    words(language: string, key: string): string[] {
      // read on every turn (keywords, risk words of every language): the resources never change, so once is enough
      return wordLists.get(language, key) ?? wordLists.put(language, key, readWords(language, key));
    },
    rtl: (language: string) => rtl.get(language) ?? instance.dir(language) === "rtl",
    has: (language: string, key: string) => instance.exists(key, { lng: language, fallbackLng: false }),
  };
}

/**
 * Values kept by two strings, without joining them: a joined key is a new string at every lookup, and a turn looks
 * up a few hundred (each keyword of each language for a new person); they were the engine's largest allocation.
 * Looked up, then put when missing, so that a hit allocates nothing (no closure to make the value either).
 */
class PairCache<T> {
  private readonly byFirst = new Map<string, Map<string, T>>();

  get(first: string, second: string): T | undefined {
    return this.byFirst.get(first)?.get(second);
  }

  put(first: string, second: string, value: T): T {
    let inner = this.byFirst.get(first);
    if (!inner) this.byFirst.set(first, (inner = new Map()));
    inner.set(second, value);
    return value;
  }
}

/**
 * The keys whose text depends on the variables in some language (each language's texts, flattened), variant or
 * plural form: a placeholder, a nested text, or plural forms (chosen by `count`). A variant (`key_sms`) or plural
 * form (`key_one`) counts for its key. Each maps to the variables it shows when every text of it, in every
 * language and variant, is placeholders of plain names, formatted or not (its rendering then depends on their values alone), or
 * to FILLED_OTHERWISE (a nested text, a plural, a path for a name: i18next decides each time).
 */
function keysFilledIn(languages: Map<string, unknown>[]): Map<string, string[] | typeof FILLED_OTHERWISE> {
  const filled = new Map<string, string[] | typeof FILLED_OTHERWISE>();
  for (const texts of languages)
    for (const [key, text] of texts) {
      if (typeof text !== "string") continue;
      const plural = PLURAL.test(key);
      if (!plural && !text.includes("{{") && !text.includes("$t(")) continue;
      const names = plural || text.includes("$t(") ? FILLED_OTHERWISE : plainPlaceholders(text);
      // which suffix is a variant is the channel's to say: every shorter key this one may stand for is marked
      for (let base = key.replace(PLURAL, ""); ; base = base.slice(0, base.lastIndexOf("_"))) {
        const known = filled.get(base);
        filled.set(
          base,
          known === FILLED_OTHERWISE || names === FILLED_OTHERWISE
            ? FILLED_OTHERWISE
            : [...new Set([...(known ?? []), ...names])],
        );
        if (!base.slice(base.lastIndexOf(".") + 1).includes("_")) break;
      }
    }
  return filled;
}

const FILLED_OTHERWISE = Symbol("filled otherwise");

/**
 * The names a text shows (placeholders.ts reads them), or FILLED_OTHERWISE when one is a path or i18next's
 * unescaped form: the vars would not hold its value under that name.
 */
function plainPlaceholders(text: string): string[] | typeof FILLED_OTHERWISE {
  const names = placeholderNames(text);
  return names.every((name) => /^\w+$/.test(name)) ? names : FILLED_OTHERWISE;
}

/** Renderings of one text with plain placeholders kept by their values, while there are few of them. */
class FilledTexts {
  private readonly byValues = new Map<string, string>();
  private varies = false;

  constructor(private readonly names: readonly string[]) {}

  /** `render` when its values are new; past MAX_FILLED of them the text varies by person (a reference): not kept. */
  get(vars: Record<string, Value>, variant: string | undefined, render: () => string): string {
    if (this.varies) return render();
    const values = JSON.stringify([variant, ...this.names.map((name) => vars[name])]);
    const known = this.byValues.get(values);
    if (known !== undefined) return known;
    const text = render();
    if (this.byValues.size === MAX_FILLED) {
      this.varies = true;
      this.byValues.clear();
    } else this.byValues.set(values, text);
    return text;
  }
}

const MAX_FILLED = 32;
