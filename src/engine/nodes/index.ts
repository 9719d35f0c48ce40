import type { FlowNode } from "../schema.ts";
import type { Step, Turn } from "../turn.ts";
import { runAction } from "./action.ts";
import { runAsk } from "./ask.ts";
import { runRoute } from "./route.ts";
import { runSay } from "./say.ts";
import { showFullNotice, showNotice } from "./notice.ts";

/** What entering a node does; each kind with a behaviour of its own lives in its own module. */
export function enter(node: FlowNode, turn: Turn): Step | Promise<Step> {
  switch (node.type) {
    case "say":
      return runSay(node, turn);
    case "ask":
      return runAsk(node, turn);
    case "route":
      return runRoute(node, turn);
    case "action":
      return runAction(node, turn);
    case "goto":
      return { kind: "goto", flow: node.flow, node: node.node };
    case "subflow":
      return { kind: "call", flow: node.flow, node: node.node };
    case "end":
      return { kind: "end" };
    case "handoff":
      turn.emit({ type: "handoff_requested", urgent: false, reason: node.reason });
      return { kind: "end" };
    case "erase":
      turn.emit({ type: "erase_requested" });
      return { kind: "end" };
    case "release":
      return { kind: "release", risk: node.as === "risk" };
    case "notice":
      if (node.full) showFullNotice(turn);
      else showNotice(turn);
      return { kind: "next", node: node.next };
    case "consent":
      turn.emit({ type: "updates_consent", consent: node.updates });
      return { kind: "next", node: node.next };
  }
}
