import type { NodeOf } from "../schema.ts";
import type { Step, Turn } from "../turn.ts";

export function runSay(node: NodeOf<"say">, turn: Turn): Step {
  for (const key of typeof node.text === "string" ? [node.text] : node.text)
    turn.say(turn.nodeText(key, node.count), node.redact);
  return { kind: "next", node: node.next };
}
