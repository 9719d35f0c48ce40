import { writeFileSync } from "node:fs";
import path from "node:path";
import { flattenKeys, PLURAL, SMS_VARIANT } from "./locale-check.ts";
import { type LocaleFiles, readLocaleFiles } from "./texts.ts";

/** A text as a translator sees it: English beside the locale's text, in the file it belongs to. */
export interface TranslationUnit {
  /** the locale file, as English names it: "core" for core.json */
  file: string;
  key: string;
  source: string;
  /** the locale's text; undefined where it has none yet */
  target: string | undefined;
  /** a reply-word list, one word a line (a list's place kept by an empty line) */
  list: boolean;
  /** a plural form the language may add but does without (its other forms, or the text without a form, serve) */
  optional: boolean;
  note?: string;
}

export type Translation = string | string[];

const asText = (value: unknown) => (Array.isArray(value) ? value.map(String).join("\n") : String(value));

/** The locale folder, or its files already read, by language (a server reads them once). */
export type LocaleFilesSource = string | ReadonlyMap<string, LocaleFiles>;

const filesOf = (source: LocaleFilesSource, language: string): LocaleFiles =>
  typeof source === "string" ? readLocaleFiles(source, language) : (source.get(language) ?? new Map());

/**
 * Every text a locale has or may have, in the order of the English files: a plural text in each of the
 * language's own forms (Arabic six, Burmese one), an English SMS variant, and the locale's own SMS variants
 * English lacks.
 */
export function translationUnits(
  source: LocaleFilesSource,
  language: string,
  defaultLanguage: string,
  /** edits published in the staff app, by language (they layer over the files) */
  published: Record<string, Record<string, Translation>> = {},
): TranslationUnit[] {
  const english = withPublished(structuredClone(filesOf(source, defaultLanguage)), published[defaultLanguage]);
  const own = flattenKeys(Object.assign({}, ...filesOf(source, language).values()));
  for (const [key, text] of Object.entries(published[language] ?? {})) own.set(key, text);
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const units: TranslationUnit[] = [];
  const seen = new Set<string>();
  const add = (file: string, key: string, source: unknown, note?: string, optional = false) => {
    if (seen.has(key)) return;
    seen.add(key);
    const target = own.get(key);
    units.push({
      file,
      key,
      source: asText(source),
      target: target === undefined ? undefined : asText(target),
      list: Array.isArray(source),
      optional,
      ...(Array.isArray(source)
        ? { note: "Reply words: one a line. Keep an empty line where a word would clash." }
        : note
          ? { note }
          : {}),
    });
  };
  for (const [fileName, sections] of english) {
    const file = fileName.replace(/\.json$/, "");
    const leaves = flattenKeys(sections);
    for (const [key, source] of leaves) {
      if (PLURAL.test(key)) {
        const base = key.replace(PLURAL, "");
        // a language that writes none of the forms yet is asked for those English writes
        const started = forms.some((form) => own.has(`${base}_${form}`));
        for (const form of forms) {
          const source = leaves.get(`${base}_${form}`);
          const optional = started || source === undefined;
          add(file, `${base}_${form}`, source ?? leaves.get(`${base}_other`) ?? leaves.get(base), undefined, optional);
        }
        continue;
      }
      add(file, key, source, SMS_VARIANT.test(key) ? "Shorter text for SMS (at most 3 SMS segments)." : undefined);
      if (!SMS_VARIANT.test(key) && !leaves.has(`${key}_sms`) && own.has(`${key}_sms`))
        add(file, `${key}_sms`, source, "Shorter text for SMS (at most 3 SMS segments), from the text above.");
    }
  }
  return units;
}

/** English's files with its published edits set over them, each in the file that holds its section. */
function withPublished(
  files: Map<string, Record<string, unknown>>,
  edits: Record<string, Translation> = {},
): Map<string, Record<string, unknown>> {
  const owner = (section: string) => [...files.values()].find((sections) => section in sections);
  for (const [key, text] of Object.entries(edits)) {
    const sections = owner(key.split(".")[0]!);
    if (sections) setLeaf(sections, key.split("."), text);
  }
  return files;
}

/** A unit's text as the locale file holds it: a list back as its words. */
export function translationValue(unit: TranslationUnit, text: string): Translation {
  return unit.list ? text.split("\n") : text;
}

/**
 * Writes the texts into locales/<language>/<file>.json: a text keeps its place in its file, a new one goes last
 * in its section. Files are written as they are kept (2 spaces, a final newline); a file nothing changes is left alone.
 * Returns the files written.
 */
export function writeTranslations(
  dir: string,
  language: string,
  units: readonly TranslationUnit[],
  texts: ReadonlyMap<string, Translation>,
): string[] {
  const files = readLocaleFiles(dir, language);
  const byKey = new Map(units.map((u) => [u.key, u]));
  const changed = new Set<string>();
  for (const [key, value] of texts) {
    const unit = byKey.get(key);
    if (!unit) continue;
    const fileName = `${unit.file}.json`;
    const tree = files.get(fileName) ?? {};
    files.set(fileName, tree);
    if (setLeaf(tree, key.split("."), value)) changed.add(fileName);
  }
  const written = [...changed].map((fileName) => path.join(dir, language, fileName));
  for (const full of written) {
    const tree = files.get(path.basename(full));
    writeFileSync(full, `${JSON.stringify(tree, null, 2)}\n`);
  }
  return written;
}

/** Sets tree[a][b][c] = value, making the sections on the way; whether it changed anything. */
export function setLeaf(tree: Record<string, unknown>, pathParts: string[], value: Translation): boolean {
  const [head, ...rest] = pathParts;
  if (head === undefined) return false;
  if (rest.length === 0) {
    if (JSON.stringify(tree[head]) === JSON.stringify(value)) return false;
    tree[head] = value;
    return true;
  }
  const next = tree[head];
  const child = isSection(next) ? next : {};
  tree[head] = child;
  return setLeaf(child, rest, value);
}

const isSection = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
