import { ActionFailed, ERROR_OUTCOME } from "../define-action.ts";
import type { NodeOf } from "../schema.ts";
import type { Step, Turn } from "../turn.ts";
import type { ActionResult, Value } from "../types.ts";

/** "@name" reads the session variable `name`; anything else is a literal. */
function resolveParams(params: Record<string, Value>, vars: Readonly<Record<string, Value>>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === "string" && v.startsWith("@") ? (vars[v.slice(1)] ?? "") : v,
    ]),
  );
}

/**
 * Run the node's action and follow its outcome. An action that throws (or breaks its contract) takes the
 * node's `error` branch when the flow has one, reported as `action_failed`; otherwise the failure goes up
 * to the engine, which ends the turn with an `error` event: the caller hands the conversation to staff.
 */
export async function runAction(node: NodeOf<"action">, turn: Turn): Promise<Step> {
  let result: ActionResult;
  try {
    result = await call(node, turn);
  } catch (error) {
    const onError = node.outcomes[ERROR_OUTCOME];
    if (!onError) throw error;
    turn.emit({
      type: "action_failed",
      reason: `${node.action} at ${node.id}: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { kind: "next", node: onError };
  }
  if (result.values)
    turn.setVars(
      Object.fromEntries(Object.entries(result.values).filter((e): e is [string, Value] => e[1] !== undefined)),
    );
  if (result.language) turn.setLanguage(result.language);
  turn.passed("outcome", { outcome: result.outcome });
  return { kind: "next", node: node.outcomes[result.outcome]! };
}

/** The action's result, checked against its contract and the node's branches. */
async function call(node: NodeOf<"action">, turn: Turn): Promise<ActionResult> {
  const action = turn.ctx.actions[node.action];
  if (!action) throw new ActionFailed(`unknown action ${node.action}`);
  const result = await action.run({
    params: resolveParams(node.params, turn.session.vars),
    vars: turn.session.vars,
    input: turn.input,
    media: turn.media,
    risk: turn.risk,
    language: turn.language,
  });
  if (!node.outcomes[result.outcome] || result.outcome === ERROR_OUTCOME) {
    throw new ActionFailed(`action ${node.action} gave outcome "${result.outcome}" which the node does not handle`);
  }
  const undeclared = Object.keys(result.values ?? {}).filter((name) => !action.sets.includes(name));
  if (undeclared.length > 0)
    throw new ActionFailed(`action ${node.action} set ${undeclared.join(", ")}, which it does not declare`);
  return result;
}
