import { z } from "zod";

const inputSchema = z.object({
  text: z.string(),
  media: z.array(z.object({ url: z.string(), contentType: z.string() })),
});

/**
 * A message held while the person is asked whether they are in danger (its words only hinted at it): the
 * frame of that question carries it, so it goes wherever the question goes (answered, STOP, MENU, erasure)
 * and never outlives it; with where the conversation stood, to answer it from there once released.
 */
const heldSchema = z.object({
  input: inputSchema,
  waiting: z.boolean(),
  retries: z.number().int().min(0),
  /** a new person's: the language the question is asked in, found from the message's words */
  language: z.string().optional(),
});
export type Held = z.infer<typeof heldSchema>;

const frameSchema = z.object({
  flow: z.string(),
  node: z.string(),
  version: z.number().int(),
  held: heldSchema.optional(),
});
export type Frame = z.infer<typeof frameSchema>;

/**
 * Serialised conversation state; `v` lets a future shape migrate old rows instead of failing. The person's
 * language and opt-out are the contact's (engine Person), not copied here: rows that still carry them (before
 * the migration session_without_contact_copies) read the same, those keys dropped.
 */
const sessionSchema = z.object({
  v: z.literal(1),
  /** call stack of flows: the last frame is where the person is; empty = no flow running */
  stack: z.array(frameSchema),
  /** true when the last frame's node is an ask waiting for the person's reply */
  waiting: z.boolean(),
  retries: z.number().int().min(0),
  /** when the question waited on was put (ms since 1970): its first reply says how long the person took */
  askedAt: z.number().optional(),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** when the person was last asked whether they are in danger (ms since 1970): not asked again soon after */
  riskAskedAt: z.number().optional(),
  /** the privacy notice version the person was shown (EngineContext.notice): a newer one is shown once */
  noticeSeen: z.number().int().optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export function newSession(): Session {
  return { v: 1, stack: [], waiting: false, retries: 0, vars: {} };
}

/** No flow running: the person's next message starts afresh (their choices and vars kept). Turn.leaveFlows uses it. */
export function withoutFlows(session: Session): Session {
  return { ...session, stack: [], waiting: false, retries: 0 };
}

export type ParsedSession = { ok: true; session: Session } | { ok: false; reason: string };

/** Stored state is read defensively: a row the engine cannot understand restarts the person cleanly. */
export function parseSession(stored: unknown): ParsedSession {
  const r = sessionSchema.safeParse(stored);
  return r.success
    ? { ok: true, session: r.data }
    : { ok: false, reason: r.error.issues.map((i) => i.message).join("; ") };
}
