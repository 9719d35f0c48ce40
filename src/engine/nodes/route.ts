import { conditionHolds } from "../conditions.ts";
import type { NodeOf } from "../schema.ts";
import type { Step, Turn } from "../turn.ts";

export function runRoute(node: NodeOf<"route">, turn: Turn): Step {
  const hit = node.cases.find((c) => conditionHolds(c.when, turn.session.vars));
  return { kind: "next", node: hit ? hit.next : node.default };
}
