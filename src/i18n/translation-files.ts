import { readFileSync, statSync } from "node:fs";
import js2xliff from "xliff/js2xliff";
import xliff2js, { type XliffUnit } from "xliff/xliff2js";
import { type Element, type ElementCompact, js2xml, xml2js } from "xml-js";
import { flattenKeys } from "./locale-check.ts";
import type { Finding, ImportedText } from "./translation-report.ts";
import type { TranslationUnit } from "./translation-units.ts";

/** A locale is ~300 KB as XLIFF: a file far larger is a mistake or an attack, refused before it is read. */
export const MAX_TRANSLATION_FILE_BYTES = 2 * 1024 * 1024;

export class TranslationFileError extends Error {}

export type TranslationFormat = "xliff" | "json";

export const formatOf = (file: string): TranslationFormat => (/\.json$/i.test(file) ? "json" : "xliff");

/** The file's text, refused when it is over the size cap (measured before reading). */
export function readTranslationFile(file: string): string {
  const { size } = statSync(file);
  if (size > MAX_TRANSLATION_FILE_BYTES)
    throw new TranslationFileError(`${file} is ${size} bytes; at most ${MAX_TRANSLATION_FILE_BYTES} are read`);
  return readFileSync(file, "utf8");
}

/**
 * XLIFF 2.0, one <file> per locale file, one <unit> per text (id = its key): English as source, the locale's
 * text as target. State: `initial` where the locale has no text yet, else `translated` (nothing records a review).
 * A plural form the language does without is left out; the import still takes it.
 */
export async function toXliff(units: readonly TranslationUnit[], language: string, defaultLanguage: string) {
  const resources: Record<string, Record<string, XliffUnit>> = {};
  const shown = units.filter((u) => u.target !== undefined || !u.optional);
  for (const u of shown)
    (resources[u.file] ??= {})[u.key] = {
      source: u.source,
      ...(u.target === undefined ? {} : { target: u.target }),
      ...(u.note ? { note: u.note } : {}),
    };
  const xml = await js2xliff({ sourceLanguage: defaultLanguage, targetLanguage: language, resources });
  return withSegmentStates(xml, new Map(shown.map((u) => [u.key, u.target === undefined ? "initial" : "translated"])));
}

/** The converter writes no segment attributes: XLIFF 2.0 keeps a text's state on its <segment>. */
function withSegmentStates(xml: string, states: ReadonlyMap<string, string>): string {
  const document = xml2js(xml, { captureSpacesBetweenElements: false });
  // not compact, so every node is an Element (the library's return type names both shapes)
  const visit = (element: Element | ElementCompact) => {
    const id = element.attributes?.id;
    if (element.name === "unit" && typeof id === "string")
      for (const child of element.elements ?? [])
        if (child.name === "segment") child.attributes = { ...child.attributes, state: states.get(id) ?? "initial" };
    for (const child of element.elements ?? []) visit(child);
  };
  visit(document);
  return `${js2xml({ declaration: { attributes: { version: "1.0", encoding: "UTF-8" } }, ...document }, { spaces: 2 })}\n`;
}

export interface ReadTranslations {
  imported: Map<string, ImportedText>;
  findings: Finding[];
}

/** A translator's XLIFF back to texts by key; a DOCTYPE or entity declaration is refused before any parsing. */
export async function fromXliff(xml: string, language: string, defaultLanguage: string): Promise<ReadTranslations> {
  // external entities read local files or call servers; XLIFF needs no DTD, so none is accepted
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new TranslationFileError("refused: the file declares a DOCTYPE or an entity (XLIFF needs neither)");
  let document: Awaited<ReturnType<typeof xliff2js>>;
  try {
    document = await xliff2js(xml);
  } catch (error) {
    throw new TranslationFileError(`not readable XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!document.resources) throw new TranslationFileError('not an XLIFF 2 document (<xliff version="2.0">)');
  if (document.sourceLanguage !== defaultLanguage || document.targetLanguage !== language)
    throw new TranslationFileError(
      `the file translates ${document.sourceLanguage ?? "?"} to ${document.targetLanguage ?? "?"}, not ${defaultLanguage} to ${language}`,
    );
  const imported = new Map<string, ImportedText>();
  const findings: Finding[] = [];
  for (const file of Object.values(document.resources))
    for (const [key, unit] of Object.entries(file)) {
      if (unit.target === undefined) continue;
      if (typeof unit.target !== "string" || typeof unit.source !== "string") {
        findings.push({ key, reason: "holds XLIFF inline elements: write plain text, {{placeholders}} as they are" });
        continue;
      }
      imported.set(key, { text: unit.target, source: unit.source });
    }
  return { imported, findings };
}

/** The locale as one i18next JSON resource (sections of every file together), the texts it has. */
export function toI18nextJson(resources: Record<string, unknown>, language: string): string {
  return `${JSON.stringify(resources[language] ?? {}, null, 2)}\n`;
}

/** An i18next JSON resource back to texts by key; a list of reply words is read as its lines. */
export function fromI18nextJson(text: string): ReadTranslations {
  let tree: unknown;
  try {
    tree = JSON.parse(text);
  } catch (error) {
    throw new TranslationFileError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (tree === null || typeof tree !== "object" || Array.isArray(tree))
    throw new TranslationFileError("not an i18next resource: the file must hold a JSON object of texts");
  const imported = new Map<string, ImportedText>();
  const findings: Finding[] = [];
  for (const [key, value] of flattenKeys(tree)) {
    if (typeof value === "string") imported.set(key, { text: value });
    else if (Array.isArray(value) && value.every((w) => typeof w === "string"))
      imported.set(key, { text: value.join("\n") });
    else findings.push({ key, reason: "is neither a text nor a list of words" });
  }
  return { imported, findings };
}
