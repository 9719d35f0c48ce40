import type { Actions } from "./types.ts";

/** Actions that only change the session, so the engine provides them itself. */
export const builtinActions: Actions = {
  /** params.language: a locale code, usually "@choice" from a language menu */
  set_language: async ({ params }) => {
    const language = String(params.language ?? "");
    return language ? { outcome: "ok", language } : { outcome: "missing" };
  },
};
