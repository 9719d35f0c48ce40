import type { NodeOf } from "../schema.ts";
import type { Step, Turn } from "../turn.ts";
import type { Value } from "../types.ts";

class ActionFailed extends Error {}

/** "@name" reads the session variable `name`; anything else is a literal. */
function resolveParams(params: Record<string, Value>, vars: Readonly<Record<string, Value>>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" && v.startsWith("@") ? (vars[v.slice(1)] ?? "") : v]),
  );
}

export async function runAction(node: NodeOf<"action">, turn: Turn): Promise<Step> {
  const action = turn.ctx.actions[node.action];
  if (!action) throw new ActionFailed(`unknown action ${node.action}`);
  const result = await action({
    params: resolveParams(node.params, turn.session.vars),
    vars: turn.session.vars,
    input: turn.input,
    media: turn.media,
    risk: turn.risk,
    language: turn.language,
    channel: turn.ctx.channel,
  });
  const next = node.outcomes[result.outcome];
  if (!next) throw new ActionFailed(`action ${node.action} gave outcome "${result.outcome}" which the node does not handle`);
  if (result.values) turn.setVars(result.values);
  if (result.language) turn.setLanguage(result.language);
  return { kind: "next", node: next };
}
