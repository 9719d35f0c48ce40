import { z } from "zod";

/** Node ids are readable slugs, unique within their flow. */
const nodeIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "a node id is a lowercase slug (a-z, 0-9, _)");
export const flowIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "a flow id is a lowercase slug (a-z, 0-9, _)");
/** Texts are i18next keys, never literal text: every word the person reads lives in locales/. */
export const textKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, "a text is an i18n key such as menu.prompt");
const varNameSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "a variable name is a lowercase slug");

/**
 * A regular expression compiled once, when the flow loads: a broken one ("(") is a flow error found
 * before anyone writes, and no reply pays for compiling it again. `wrap` anchors it, `flags` as used.
 */
const regexSchema = (flags: string, wrap: (source: string) => string = (s) => s) =>
  z.string().transform((source, ctx) => {
    try {
      return new RegExp(wrap(source), flags);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
      return z.NEVER;
    }
  });

const choiceOptionSchema = z.strictObject({
  value: z.string().min(1),
  label: textKeySchema,
  /** i18n key of a list of words that also pick this option (in the person's language) */
  keywords: textKeySchema.optional(),
  next: nodeIdSchema.optional(),
  /** false: picked by its words only, neither shown nor numbered (a long menu's second page, typed by name) */
  listed: z.boolean().default(true),
});

/**
 * A choice's options; an entry may itself be a list, spliced in place, so a YAML anchor shares options
 * between questions (every language, typed by name, on each page of the language list). Up to 20
 * listed: the language list offers 17 languages; a longer menu is too long to read on a phone.
 */
const choiceOptionsSchema = z
  .array(z.union([choiceOptionSchema, z.array(choiceOptionSchema).min(1)]))
  .min(1)
  .transform((entries) => entries.flat())
  .refine((options) => options.filter((o) => o.listed).length <= 20, "more than 20 listed options");

const answerSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("choice"), options: choiceOptionsSchema }),
  z.strictObject({
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
  }),
  z.strictObject({
    type: z.literal("text"),
    min_length: z.number().int().min(0).default(1),
    max_length: z.number().int().positive().default(1600),
    /** a voice note or photo without words also answers (the value is then ""); actions read the media */
    accept_media: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal("pattern"),
    /** the whole reply must match */
    regex: regexSchema("u", (s) => `^(?:${s})$`),
    /** compare in upper case: case numbers are typed any way on a phone keyboard */
    upper: z.boolean().default(true),
  }),
]);

const conditionSchema = z.discriminatedUnion("op", [
  z.strictObject({
    var: varNameSchema,
    op: z.enum(["eq", "neq"]),
    value: z.union([z.string(), z.number(), z.boolean()]),
  }),
  z.strictObject({ var: varNameSchema, op: z.literal("in"), value: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ var: varNameSchema, op: z.enum(["exists", "missing"]) }),
  z.strictObject({ var: varNameSchema, op: z.enum(["gt", "lt"]), value: z.number() }),
  /** anywhere in the variable's text, in any case */
  z.strictObject({ var: varNameSchema, op: z.literal("matches"), value: regexSchema("iu") }),
]);

const base = { id: nodeIdSchema };
/** the variable whose number picks the text's plural form (i18next `count`): "this organisation" or "these" */
const countSchema = varNameSchema.optional();

const sayNodeSchema = z.strictObject({
  ...base,
  type: z.literal("say"),
  text: z.union([textKeySchema, z.array(textKeySchema).min(1)]),
  count: countSchema,
  /** the transcript keeps "[redacted]" instead of this text (it may carry a case's details) */
  redact: z.boolean().default(false),
  next: nodeIdSchema.optional(),
});

const askNodeSchema = z
  .strictObject({
    ...base,
    type: z.literal("ask"),
    text: textKeySchema,
    count: countSchema,
    answer: answerSchema,
    save_as: varNameSchema.optional(),
    /** the person's reply is kept as "[redacted]" in the transcript (PINs, dates of birth) */
    redact: z.boolean().default(false),
    /**
     * the reply is the person's own words about their situation (a need's description, a place they typed):
     * kept in the transcript for caseworkers, emptied from it with needs' text by NEEDS_TEXT_RETENTION_DAYS
     */
    personal: z.boolean().default(false),
    /**
     * a reply that names a protection risk: "interrupt" drops the question for the emergency contacts and an
     * urgent handover; "answer" also takes it as the answer first (a need's description is saved, with its
     * reference, rather than lost), then the same emergency contacts and handover
     */
    on_risk: z.enum(["interrupt", "answer"]).default("interrupt"),
    retry_text: textKeySchema.optional(),
    max_retries: z.number().int().min(0).max(10).default(2),
    on_fail: nodeIdSchema.optional(),
    /**
     * a question the person may leave unanswered ("Did this help?" after a journey): a reply that is not one
     * of its answers is read as if it had not been asked (the menu's number, a new question), never retried
     */
    optional: z.boolean().default(false),
    next: nodeIdSchema.optional(),
  })
  .refine((node) => !node.optional || (node.retry_text === undefined && node.on_fail === undefined), {
    path: ["optional"],
    message: "an optional question is never asked again: it takes no retry_text or on_fail",
  });

const routeNodeSchema = z.strictObject({
  ...base,
  type: z.literal("route"),
  cases: z.array(z.strictObject({ when: conditionSchema, next: nodeIdSchema })).min(1),
  default: nodeIdSchema,
});

const actionNodeSchema = z.strictObject({
  ...base,
  type: z.literal("action"),
  action: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** values passed to the action; "@name" reads a session variable */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** outcome name -> next node; an outcome without a branch is a flow error */
  outcomes: z.record(z.string(), nodeIdSchema).refine((o) => Object.keys(o).length > 0, "at least one outcome"),
});

const gotoNodeSchema = z.strictObject({
  ...base,
  type: z.literal("goto"),
  flow: flowIdSchema,
  node: nodeIdSchema.optional(),
});

const subflowNodeSchema = z.strictObject({
  ...base,
  type: z.literal("subflow"),
  flow: flowIdSchema,
  /** where in that flow to start, if not at its start (the language flow's confirmation of a guess) */
  node: nodeIdSchema.optional(),
  next: nodeIdSchema.optional(),
});

const endNodeSchema = z.strictObject({ ...base, type: z.literal("end") });

/** Hands the conversation to a person: the bot falls silent until a caseworker hands it back. */
const handoffNodeSchema = z.strictObject({
  ...base,
  type: z.literal("handoff"),
  reason: z.enum(["asked", "misunderstood"]).default("asked"),
});

/**
 * Ends the danger question asked on a message that only hinted at danger, releasing that message: `risk`
 * reads it as naming a risk (emergency contacts, urgent handover, a need's description still saved),
 * `reply` as if no question had been asked (the answer to the question it came after, a menu choice...).
 */
const releaseNodeSchema = z.strictObject({ ...base, type: z.literal("release"), as: z.enum(["risk", "reply"]) });

/** The person confirmed: everything stored about them is erased once this turn's replies are queued. */
const eraseNodeSchema = z.strictObject({ ...base, type: z.literal("erase") });

/**
 * Shows the short privacy notice (EngineContext.notice) and records that the person saw its version;
 * `full`: the whole text instead (PRIVACY), in pages of at most 3 SMS each, recording nothing.
 */
const noticeNodeSchema = z.strictObject({
  ...base,
  type: z.literal("notice"),
  full: z.boolean().default(false),
  next: nodeIdSchema.optional(),
});

/** Records the person's answer to "may we write to you first?" (news about their file, announcements). */
const consentNodeSchema = z.strictObject({
  ...base,
  type: z.literal("consent"),
  updates: z.boolean(),
  next: nodeIdSchema.optional(),
});

const nodeSchema = z.discriminatedUnion("type", [
  sayNodeSchema,
  askNodeSchema,
  routeNodeSchema,
  actionNodeSchema,
  gotoNodeSchema,
  subflowNodeSchema,
  endNodeSchema,
  handoffNodeSchema,
  eraseNodeSchema,
  releaseNodeSchema,
  noticeNodeSchema,
  consentNodeSchema,
]);

export const flowSchema = z.strictObject({
  flow: flowIdSchema,
  /** bump when nodes change meaning: sessions parked on an older version restart the flow */
  version: z.number().int().positive(),
  description: z.string().optional(),
  start: nodeIdSchema.optional(),
  nodes: z.array(nodeSchema).min(1),
});

export type Answer = z.infer<typeof answerSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type FlowNode = z.infer<typeof nodeSchema>;
export type NodeOf<T extends FlowNode["type"]> = Extract<FlowNode, { type: T }>;
export type FlowFile = z.infer<typeof flowSchema>;

// flows/keywords.yaml: the global keywords, checked against the flows and texts by keywords.ts

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
