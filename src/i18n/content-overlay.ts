import { z } from "zod";
import { formatDay } from "./dates.ts";
import type { Resources } from "./texts.ts";
import { setLeaf } from "./translation-units.ts";

/** Published edits, { language: { key: text } }: a reply-word list is kept as its words. */
export const overlaySchema = z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())])));
export type Overlay = z.infer<typeof overlaySchema>;

/** When legal last checked each rights topic, { topic: "YYYY-MM-DD" }. */
export const legalChecksSchema = z.record(z.string(), z.iso.date());
export type LegalChecks = z.infer<typeof legalChecksSchema>;

/** The text a checked topic's summary ends with; `{{date}}` is the day in the person's language. */
export const LEGAL_LINE_KEY = "rights.checked_on";
/**
 * A topic's summary, the reply that carries the line. flows/rights.yaml names every summary, so they count as used
 * already; "rights." is not declared a prefix the code builds (flows:check), which would hide unused rights texts.
 */
export const topicSummaryKey = (topic: string) => ["rights", topic, "summary"].join(".");

/**
 * The texts as published: the locale files with every published edit set over them, and each legally checked
 * topic's summary ending with the day it was checked. Built once per content version, never per turn.
 */
export function applyOverlay(
  base: Resources,
  content: { texts: Overlay; legal: LegalChecks },
  defaultLanguage: string,
): Resources {
  const { texts: overlay, legal } = content;
  const resources = structuredClone(base);
  for (const [language, texts] of Object.entries(overlay))
    for (const [key, text] of Object.entries(texts)) setLeaf((resources[language] ??= {}), key.split("."), text);
  for (const [language, tree] of Object.entries(resources))
    for (const [topic, day] of Object.entries(legal)) {
      const summary = leaf(tree, topicSummaryKey(topic)) ?? leaf(resources[defaultLanguage], topicSummaryKey(topic));
      const line = leaf(tree, LEGAL_LINE_KEY) ?? leaf(resources[defaultLanguage], LEGAL_LINE_KEY);
      if (summary === undefined || line === undefined) continue;
      const dated = line.replace(/\{\{\s*date\s*\}\}/g, formatDay(new Date(day), language));
      setLeaf(tree, topicSummaryKey(topic).split("."), `${summary}\n${dated}`);
    }
  return resources;
}

function leaf(tree: Record<string, unknown> | undefined, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? Reflect.get(node, part) : undefined;
  return typeof node === "string" ? node : undefined;
}
