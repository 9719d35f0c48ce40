import type { Tx } from "../db/database.ts";
import { z } from "zod";
import { type Action, type ActionContract, type Actions, builtinActions, defineAction } from "../engine/index.ts";
import { type DetectOptions, detectLanguage, scriptOf } from "../i18n/detect-language.ts";
import type { LocaleTexts } from "../i18n/texts.ts";
import type { Channel } from "../channels/profile.ts";

/** The turn an action runs in: whose message, and the transaction its writes commit with. */
export interface Turn {
  tx: Tx;
  contactId: number;
  /** the person's phone number (E.164), the same on SMS and WhatsApp */
  address: string;
  messageId: number;
  channel: Channel;
}

/** Actions of one domain module, by the name flows use; each runs with the turn it is bound to. */
export type ActionTable = Record<string, Action<Turn>>;

/**
 * The actions flows may name: their contracts (flows are checked
 * against them as they load) and a way to bind them to a turn.
 */
export interface ActionSet {
  contracts: Readonly<Record<string, ActionContract>>;
  bind(turn: Turn): Actions;
}

/** `detection`: every locale's words for every language (languageNames) and the second voice, made once at start-up. */
export function languageActions(texts: Pick<LocaleTexts, "languages">, detection: DetectOptions): ActionTable {
  return {
    /**
     * guess the language of the person's first message; the flow always has the person confirm it. Its
     * script (`first_script`) lets the language list offer that script's languages first.
     */
    detect_language: defineAction({
      params: z.strictObject({}),
      outcomes: ["detected", "unsure"],
      sets: ["first_script", "detected_language"],
      run: async ({ input }) => {
        const text = input?.text ?? "";
        const d = detectLanguage(text, texts.languages, detection);
        const script = scriptOf(text);
        const values = script ? { first_script: script } : undefined;
        return d.ok
          ? { outcome: "detected", language: d.language, values: { ...values, detected_language: d.language } }
          : { outcome: "unsure", values };
      },
    }),
  };
}

/** One set from the domain modules' tables; a name claimed twice is a wiring mistake. */
export function combineActions(tables: ActionTable[]): ActionSet {
  const table: ActionTable = { ...builtinActions };
  for (const t of tables) {
    for (const [name, action] of Object.entries(t)) {
      if (name in table) throw new Error(`action "${name}" is defined twice`);
      table[name] = action;
    }
  }
  return {
    contracts: table,
    bind: (turn) =>
      Object.fromEntries(
        Object.entries(table).map(([name, action]) => [name, { ...action, run: (req) => action.run(req, turn) }]),
      ),
  };
}
