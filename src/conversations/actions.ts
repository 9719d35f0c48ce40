import type { Tx } from "../db/database.ts";
import { type Action, type Actions, builtinActions } from "../engine/index.ts";
import { detectLanguage } from "../i18n/detect-language.ts";

export interface ActionDeps {
  languages: readonly string[];
}

/** The actions flows may name: their names (checked at start-up) and a way to bind them to a turn. */
export interface ActionSet {
  names: string[];
  bind(tx: Tx): Actions;
}

export function createActions(deps: ActionDeps): ActionSet {
  // each entry receives the turn's transaction, so an action's writes commit with the reply
  const table: Record<string, (tx: Tx) => Action> = {
    /** guess the language of the person's first message; the flow always has the person confirm it */
    detect_language: () => async ({ input }) => {
      const d = detectLanguage(input?.text ?? "", deps.languages);
      return d.ok ? { outcome: "detected", language: d.language, values: { detected_language: d.language } } : { outcome: "unsure" };
    },
  };
  return {
    names: [...Object.keys(builtinActions), ...Object.keys(table)],
    bind: (tx) => ({ ...builtinActions, ...Object.fromEntries(Object.entries(table).map(([name, make]) => [name, make(tx)])) }),
  };
}
