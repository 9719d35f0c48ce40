import { z } from "zod";
import type { FlowProblem } from "./checks.ts";
import { flowIdSchema, textKeySchema } from "./schema.ts";
import type { Flows } from "./types.ts";

/**
 * What a keyword does besides starting a flow: the engine's own moves. opt_out: STOP, silence after;
 * opt_in: START, heard after STOP, back to the menu; home: the menu (the welcome for a new person).
 */
export const KEYWORD_ACTIONS = ["opt_out", "opt_in", "home"] as const;

/** A word that works at any moment, whatever question is open (goflow's keyword trigger): word list -> what it does. */
const triggerSchema = z
  .strictObject({
    /** i18n key of the trigger's word list; each locale has its own words (locales/<lng>/core.json) */
    words: textKeySchema,
    /** the flow it starts, or */
    flow: flowIdSchema.optional(),
    /** one of the engine's own moves */
    action: z.enum(KEYWORD_ACTIONS).optional(),
    /** a new person sending it is answered in the language of the word, as staff then see it (HELP, STOP) */
    answer_in_its_language: z.boolean().default(false),
    /** heard after STOP too, with the replies to the flow it starts (ERASE: a right whether or not they want our messages) */
    heard_after_stop: z.boolean().default(false),
  })
  .refine((t) => (t.flow === undefined) !== (t.action === undefined), "a keyword names either a flow or an action");

export const keywordsSchema = z
  .strictObject({
    description: z.string().optional(),
    /** in order: the first whose words hold the message wins */
    triggers: z.array(triggerSchema).min(1),
    /** i18n key of the words that leave an open question ("back", Farsi "لغو" cancel) */
    back: textKeySchema,
  })
  .superRefine((file, ctx) => {
    // the law and the carriers want STOP and START on a help line: a file without them is broken
    for (const action of ["opt_out", "opt_in"] as const)
      if (!file.triggers.some((t) => t.action === action))
        ctx.addIssue({ code: "custom", path: ["triggers"], message: `no keyword with action ${action}` });
  });

export type Keywords = z.infer<typeof keywordsSchema>;
export type KeywordTrigger = Keywords["triggers"][number];

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
