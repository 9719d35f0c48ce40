import { z } from "zod";

const frameSchema = z.object({ flow: z.string(), node: z.string(), version: z.number().int() });

/** Serialised conversation state; `v` lets a future shape migrate old rows instead of failing. */
const sessionSchema = z.object({
  v: z.literal(1),
  language: z.string().nullable(),
  optedOut: z.boolean(),
  /** call stack of flows: the last frame is where the person is; empty = no flow running */
  stack: z.array(frameSchema),
  /** true when the last frame's node is an ask waiting for the person's reply */
  waiting: z.boolean(),
  retries: z.number().int().min(0),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Session = z.infer<typeof sessionSchema>;

export function newSession(language: string | null = null): Session {
  return { v: 1, language, optedOut: false, stack: [], waiting: false, retries: 0, vars: {} };
}

export type ParsedSession = { ok: true; session: Session } | { ok: false; reason: string };

/** Stored state is read defensively: a row the engine cannot understand restarts the person cleanly. */
export function parseSession(stored: unknown): ParsedSession {
  const r = sessionSchema.safeParse(stored);
  return r.success
    ? { ok: true, session: r.data }
    : { ok: false, reason: r.error.issues.map((i) => i.message).join("; ") };
}
