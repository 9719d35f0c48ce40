import { ERROR_OUTCOME } from "./define-action.ts";
import { type FlowFile, type FlowNode, flowSchema, type NodeOf } from "./schema.ts";
import type { ActionContract, EntryFlows, Flow, Flows } from "./types.ts";

/** One thing wrong with a flow file, precise enough to fix without reading the engine. */
export interface FlowProblem {
  source: string;
  node?: string;
  path: string;
  reason: string;
}

export interface CheckOptions {
  /** every action flows may name, by name, with what it takes and gives */
  actions: Readonly<Record<string, ActionContract>>;
  entry: EntryFlows;
  /** whether the default locale has this text key */
  hasText(key: string): boolean;
}

export const formatProblem = (p: FlowProblem) =>
  `${p.source}${p.node ? ` node "${p.node}"` : ""} at ${p.path || "(top)"}: ${p.reason}`;

/** Validate flow documents one by one, then the references between them, before anything runs. */
export function buildFlows(
  docs: { source: string; data: unknown }[],
  opts: CheckOptions,
): { flows: Flows; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const flows = new Map<string, Flow>();
  for (const { source, data } of docs) {
    const parsed = flowSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ source, node: nodeIdAt(data, issue.path), path: issue.path.join("."), reason: issue.message });
      }
      continue;
    }
    const flow = compile(parsed.data, source, problems);
    const other = flows.get(flow.id);
    if (other)
      problems.push({ source, path: "flow", reason: `flow id "${flow.id}" is already used by ${other.source}` });
    else flows.set(flow.id, flow);
  }
  for (const [name, id] of Object.entries(opts.entry)) {
    if (id !== undefined && !flows.has(id))
      problems.push({ source: "(flows)", path: `entry.${name}`, reason: `the engine needs a flow "${id}"` });
  }
  for (const flow of flows.values()) checkReferences(flow, flows, opts, problems);
  // only the danger question holds a message to release
  for (const flow of flows.values())
    for (const node of flow.nodes.values())
      if (node.type === "release" && flow.id !== opts.entry.riskCheck)
        problems.push({
          source: flow.source,
          node: node.id,
          path: "type",
          reason: "release is for the riskCheck flow",
        });
  checkVariables(flows, opts, problems);
  return { flows, problems };
}

function compile(file: FlowFile, source: string, problems: FlowProblem[]): Flow {
  const nodes = new Map<string, FlowNode>();
  file.nodes.forEach((node, i) => {
    if (nodes.has(node.id))
      problems.push({ source, node: node.id, path: `nodes.${i}.id`, reason: "duplicate node id" });
    else nodes.set(node.id, node);
  });
  const start = file.start ?? file.nodes[0]!.id;
  if (!nodes.has(start)) problems.push({ source, path: "start", reason: `no node "${start}"` });
  return { id: file.flow, version: file.version, start, nodes, source };
}

/** Every exit of a node: [path inside the node, target node id]. */
function exits(node: FlowNode): [string, string][] {
  switch (node.type) {
    case "say":
      return node.next ? [["next", node.next]] : [];
    case "ask": {
      const out: [string, string][] = [];
      if (node.next) out.push(["next", node.next]);
      if (node.on_fail) out.push(["on_fail", node.on_fail]);
      if (node.answer.type === "choice") {
        node.answer.options.forEach((o, i) => {
          if (o.next) out.push([`answer.options.${i}.next`, o.next]);
        });
      }
      return out;
    }
    case "route":
      return [...node.cases.map((c, i): [string, string] => [`cases.${i}.next`, c.next]), ["default", node.default]];
    case "action":
      return Object.entries(node.outcomes).map(([k, v]): [string, string] => [`outcomes.${k}`, v]);
    case "subflow":
    case "notice":
    case "consent":
      return node.next ? [["next", node.next]] : [];
    case "goto":
    case "end":
    case "handoff":
    case "erase":
    case "release":
      return [];
  }
}

/** Every i18n key the flows name (texts, retries, option labels and their reply words). */
export function flowTextKeys(flows: Flows): Set<string> {
  return new Set(
    [...flows.values()].flatMap((f) => [...f.nodes.values()].flatMap((n) => textKeys(n).map(([, key]) => key))),
  );
}

/** The options' label keys: a label is a reply word too, and travels inside its menu. */
export function optionLabelKeys(flows: Flows): Set<string> {
  return new Set(
    [...flows.values()].flatMap((f) =>
      [...f.nodes.values()].flatMap((n) =>
        n.type === "ask" && n.answer.type === "choice" ? n.answer.options.map((o) => o.label) : [],
      ),
    ),
  );
}

/** Where each i18n key is shown or read: "flow/node" names, by key (the staff texts page says it). */
export function flowTextUses(flows: Flows): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const f of flows.values())
    for (const n of f.nodes.values())
      for (const [, key] of textKeys(n)) {
        const at = `${f.id}/${n.id}`;
        const list = uses.get(key) ?? [];
        if (!list.includes(at)) uses.set(key, [...list, at]);
      }
  return uses;
}

/** Every i18n key a node shows or reads: [path inside the node, key]. */
function textKeys(node: FlowNode): [string, string][] {
  switch (node.type) {
    case "say":
      return (typeof node.text === "string" ? [node.text] : node.text).map((k, i): [string, string] => [
        `text.${i}`,
        k,
      ]);
    case "ask": {
      const out: [string, string][] = [["text", node.text]];
      if (node.retry_text) out.push(["retry_text", node.retry_text]);
      if (node.answer.type === "choice") {
        node.answer.options.forEach((o, i) => {
          out.push([`answer.options.${i}.label`, o.label]);
          if (o.keywords) out.push([`answer.options.${i}.keywords`, o.keywords]);
        });
      }
      return out;
    }
    default:
      return [];
  }
}

function checkReferences(flow: Flow, flows: Flows, opts: CheckOptions, problems: FlowProblem[]): void {
  const at = (node: FlowNode, path: string, reason: string) =>
    problems.push({ source: flow.source, node: node.id, path, reason });
  for (const node of flow.nodes.values()) {
    for (const [path, target] of exits(node)) {
      if (!flow.nodes.has(target)) at(node, path, `goes to "${target}", which is not a node of flow "${flow.id}"`);
    }
    for (const [path, key] of textKeys(node)) {
      if (!opts.hasText(key)) at(node, path, `text "${key}" is missing from the default locale`);
    }
    if (node.type === "goto" || node.type === "subflow") {
      const target = flows.get(node.flow);
      if (!target) at(node, "flow", `no flow "${node.flow}"`);
      else if (node.node && !target.nodes.has(node.node))
        at(node, "node", `flow "${node.flow}" has no node "${node.node}"`);
    }
    if (node.type === "action") {
      const contract = opts.actions[node.action];
      if (!contract)
        at(node, "action", `unknown action "${node.action}" (known: ${Object.keys(opts.actions).join(", ")})`);
      else for (const [path, reason] of contractProblems(node, contract)) at(node, path, reason);
    }
  }
}

/** Where an action node disagrees with its action's contract: [path inside the node, reason]. */
function contractProblems(node: NodeOf<"action">, contract: ActionContract): [string, string][] {
  const out: [string, string][] = [];
  const shape = contract.params.shape;
  const takes = Object.keys(shape);
  for (const [name, value] of Object.entries(node.params)) {
    const field = shape[name];
    if (!field) {
      out.push([`params.${name}`, `${node.action} takes no param "${name}" (it takes: ${takes.join(", ") || "none"})`]);
      continue;
    }
    // a literal is checked now; an "@variable" only has a value while a person writes
    const literal = typeof value === "string" && value.startsWith("@") ? undefined : field.safeParse(value);
    if (literal && !literal.success)
      out.push([
        `params.${name}`,
        `${JSON.stringify(value)} is not a valid ${name} for ${node.action}: ${literal.error.issues[0]?.message}`,
      ]);
  }
  // optin: zod's mark of a field that may be left out (optional or with a default)
  for (const name of takes) {
    if (!(name in node.params) && shape[name]?._zod.optin === undefined)
      out.push(["params", `${node.action} needs param "${name}"`]);
  }
  for (const outcome of contract.outcomes) {
    if (!(outcome in node.outcomes))
      out.push([
        "outcomes",
        `outcome "${outcome}" of ${node.action} goes nowhere (route every outcome: ${contract.outcomes.join(", ")})`,
      ]);
  }
  for (const outcome of Object.keys(node.outcomes)) {
    if (outcome !== ERROR_OUTCOME && !contract.outcomes.includes(outcome)) {
      out.push([
        `outcomes.${outcome}`,
        `${node.action} has no outcome "${outcome}" (its outcomes: ${contract.outcomes.join(", ")}, and ${ERROR_OUTCOME})`,
      ]);
    }
  }
  return out;
}

/** Every session variable a node reads: [path inside the node, name]. */
function reads(node: FlowNode): [string, string][] {
  switch (node.type) {
    case "say":
    case "ask":
      return node.count ? [["count", node.count]] : [];
    case "route":
      return node.cases.map((c, i): [string, string] => [`cases.${i}.when.var`, c.when.var]);
    case "action":
      return Object.entries(node.params).flatMap(([k, v]): [string, string][] =>
        typeof v === "string" && v.startsWith("@") ? [[`params.${k}`, v.slice(1)]] : [],
      );
    default:
      return [];
  }
}

/**
 * Every variable read is set by an ask's `save_as` or an action's `sets` somewhere in the flows. Session
 * variables outlive the flow that set them, and the global keywords lead from any node to the entry flows,
 * so "set on some path" is, for our flows, "set by some node": a name no node sets is a typo.
 */
function checkVariables(flows: Flows, opts: CheckOptions, problems: FlowProblem[]): void {
  const nodes = [...flows.values()].flatMap((flow) => [...flow.nodes.values()].map((node) => ({ flow, node })));
  const set = new Set(
    nodes.flatMap(({ node }) => {
      if (node.type === "ask") return node.save_as ? [node.save_as] : [];
      if (node.type === "action") return opts.actions[node.action]?.sets ?? [];
      return [];
    }),
  );
  for (const { flow, node } of nodes) {
    for (const [path, name] of reads(node)) {
      if (!set.has(name))
        problems.push({
          source: flow.source,
          node: node.id,
          path,
          reason: `reads "${name}", which no save_as or action sets`,
        });
    }
  }
}

/** The id of the node a schema issue sits in, read from the raw document (it did not parse). */
function nodeIdAt(data: unknown, path: PropertyKey[]): string | undefined {
  if (path[0] !== "nodes" || typeof path[1] !== "number" || typeof data !== "object" || data === null) return undefined;
  const nodes: unknown = Reflect.get(data, "nodes");
  const node: unknown = Array.isArray(nodes) ? nodes[path[1]] : undefined;
  const id: unknown = typeof node === "object" && node !== null ? Reflect.get(node, "id") : undefined;
  return typeof id === "string" ? id : `#${path[1]}`;
}
