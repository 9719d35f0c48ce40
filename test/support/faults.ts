import type { Action } from "../../src/engine/index.ts";
import { createLogger } from "../../src/logger.ts";
import type { BotOptions } from "../../src/server.ts";
import type { Harness } from "./harness.ts";
import { conversation } from "./live-transcript.ts";

type ReplaceActions = NonNullable<BotOptions["replaceActions"]>;
type Turn = Parameters<ReplaceActions>[0];

/** A logger at "warn" whose lines are kept, parsed, in `logs`: what the tests read of the server's log. */
export function capturedLog() {
  const logs: Record<string, unknown>[] = [];
  const log = createLogger("warn", {
    write: (line: string) => {
      logs.push(JSON.parse(line));
    },
  });
  return { log, logs };
}

/**
 * find_partners with `fault` run first in its turn: the fault throws
 * or breaks the turn's transaction, or lets the real one run.
 */
export const faultyFindPartners =
  (fault: (turn: Turn) => Promise<void>): ReplaceActions =>
  (turn, actions) => {
    const real = actions.find_partners!;
    const findPartners: Action = {
      ...real,
      run: async (request) => {
        await fault(turn);
        return real.run(request);
      },
    };
    return { find_partners: findPartners };
  };

/** English, at find help's question "which town?": the next message runs find_partners. */
export async function atTheTownQuestion(h: Harness) {
  const c = await conversation(h, { lang: "en" });
  for (const step of ["menu", "3", "3", "6"]) expect(await c.send(step)).toHaveLength(1);
  const contactId = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } })).id;
  return { ...c, contactId };
}
