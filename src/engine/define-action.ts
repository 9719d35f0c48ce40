import { z } from "zod";
import type { Action, ActionRequest, ActionResult } from "./types.ts";

/** A param read as text: a session variable may hold a number ("@pick" from a numbered menu). */
export const textParam = z.coerce.string();

/** The outcome every action node may route besides its action's own: the action threw (goflow's Failure). */
export const ERROR_OUTCOME = "error";

export class ActionFailed extends Error {}

/**
 * Declare an action with its contract (as Typebot's createAction): the handler gets its params parsed and
 * typed, and can only return a declared outcome and declared variables.
 */
export function defineAction<P extends z.ZodObject, O extends string, S extends string = never, Ctx = unknown>(def: {
  params: P;
  outcomes: readonly O[];
  sets?: readonly S[];
  run(req: ActionRequest<z.output<P>>, ctx: Ctx): Promise<ActionResult<O, S>>;
}): Action<Ctx> {
  return {
    params: def.params,
    outcomes: def.outcomes,
    sets: def.sets ?? [],
    run: async (req, ctx) => {
      const params = def.params.safeParse(req.params);
      if (!params.success)
        throw new ActionFailed(
          `params: ${params.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
      return def.run({ ...req, params: params.data }, ctx);
    },
  };
}
