import type { Tx } from "../db/database.ts";
import type { Channel } from "../channels/profile.ts";
import { type Action, type ActionContract, type ActionRequest, type Actions, builtinActions } from "../engine/index.ts";

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

/** One set from the domain modules' tables; a name claimed twice is a wiring mistake. */
export function combineActions(tables: ActionTable[]): ActionSet {
  const table: ActionTable = { ...builtinActions };
  for (const t of tables) {
    for (const [name, action] of Object.entries(t)) {
      if (name in table) throw new Error(`action "${name}" is defined twice`);
      table[name] = action;
    }
  }
  // the proxy's reads are the actions bound (Action<void>), which its target's type cannot say
  return { contracts: table, bind: (turn) => new Proxy(table, boundOnUse(turn)) as unknown as Actions };
}

/**
 * The table seen through a turn: an action is bound when it is read (a turn runs one or two of the dozens there
 * are; binding them all was a closure and an object each, every turn). Spread and Object.keys see them bound too.
 */
function boundOnUse(turn: Turn): ProxyHandler<ActionTable> {
  const bound = (table: ActionTable, name: string | symbol) => {
    const action = typeof name === "string" && Object.hasOwn(table, name) ? table[name] : undefined;
    return action && { ...action, run: (req: ActionRequest) => action.run(req, turn) };
  };
  return {
    get: bound,
    getOwnPropertyDescriptor: (table, name) => {
      const value = bound(table, name);
      return value && { value, writable: false, enumerable: true, configurable: true };
    },
  };
}
