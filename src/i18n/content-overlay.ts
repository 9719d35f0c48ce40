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
  const edited: Resources = { ...base };
  for (const [language, texts] of Object.entries(content.texts)) edited[language] = withEdits(base[language], texts);
  if (Object.keys(content.legal).length === 0) return edited;
  const english = edited[defaultLanguage];
  return Object.fromEntries(
    Object.entries(edited).map(([language, tree]) => {
      const lines: Overlay[string] = {};
      for (const [topic, day] of Object.entries(content.legal)) {
        const key = topicSummaryKey(topic);
        const summary = leaf(tree, key) ?? leaf(english, key);
        const line = leaf(tree, LEGAL_LINE_KEY) ?? leaf(english, LEGAL_LINE_KEY);
        if (summary === undefined || line === undefined) continue;
        lines[key] = `${summary}\n${line.replace(/\{\{\s*date\s*\}\}/g, formatDay(new Date(day), language))}`;
      }
      return [language, withEdits(tree, lines)];
    }),
  );
}

/** A copy of one language's tree with these edits set (the base is left as it is). */
export function withEdits(tree: Record<string, unknown> = {}, edits: Overlay[string] = {}): Record<string, unknown> {
  const copy = structuredClone(tree);
  for (const [key, text] of Object.entries(edits)) setLeaf(copy, key.split("."), text);
  return copy;
}

function leaf(tree: Record<string, unknown> | undefined, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? Reflect.get(node, part) : undefined;
  return typeof node === "string" ? node : undefined;
}
