import { z } from "zod";
import { defineAction } from "./define-action.ts";
import type { Action } from "./types.ts";

/** Actions that only change the session, so the engine provides them itself. */
export const builtinActions: Readonly<Record<string, Action<unknown>>> = {
  /** params.language: a locale code, usually "@picked_language" from a language menu */
  set_language: defineAction({
    params: z.strictObject({ language: z.string() }),
    outcomes: ["ok", "missing"],
    run: async ({ params }) =>
      params.language ? { outcome: "ok", language: params.language } : { outcome: "missing" },
  }),
};
