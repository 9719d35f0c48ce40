import { z } from "zod";
import type { ActionRequest, ActionResult } from "./types.ts";

/**
 * What an action takes and gives, apart from what it does: flows are checked against it when they load
 * (param names, every outcome routed, every variable read set somewhere), never while a person waits.
 */
export interface ActionContract {
  /** the params a flow passes; "@name" values are read from the session before they are parsed */
  params: z.ZodObject;
  /** the outcomes it may return: an action node routes each of them (and may route `error`) */
  outcomes: readonly string[];
  /** the session variables it may set */
  sets: readonly string[];
}

/** A declared action; `Ctx` is what the caller binds it to (the domain's turn: its transaction, its person). */
export interface Action<Ctx = void> extends ActionContract {
  run(req: ActionRequest, ctx: Ctx): Promise<ActionResult>;
}

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
