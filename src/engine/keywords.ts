import type { FlowProblem } from "./checks.ts";
import { type Keywords, keywordsSchema } from "./schema.ts";
import type { Flows } from "./types.ts";

/** Every text key the keywords name: their word lists are used, though no flow names them. */
export const keywordTextKeys = (keywords: Keywords): string[] => [
  ...keywords.triggers.map((t) => t.words),
  keywords.back,
];

/** The keywords file checked as flows are: its shape, then the flows and word lists it names. */
export function buildKeywords(
  doc: { source: string; data: unknown },
  flows: Flows,
  hasText: (key: string) => boolean,
): { keywords: Keywords | undefined; problems: FlowProblem[] } {
  const { source } = doc;
  const parsed = keywordsSchema.safeParse(doc.data);
  if (!parsed.success)
    return {
      keywords: undefined,
      problems: parsed.error.issues.map((i) => ({ source, path: i.path.join("."), reason: i.message })),
    };
  const problems: FlowProblem[] = [];
  const keywords = parsed.data;
  keywords.triggers.forEach((t, i) => {
    if (t.flow !== undefined && !flows.has(t.flow))
      problems.push({ source, path: `triggers.${i}.flow`, reason: `no flow "${t.flow}"` });
    if (!hasText(t.words)) problems.push({ source, path: `triggers.${i}.words`, reason: `no text "${t.words}"` });
  });
  if (!hasText(keywords.back)) problems.push({ source, path: "back", reason: `no text "${keywords.back}"` });
  return { keywords, problems };
}
