import type { Flows } from "../engine/index.ts";

/**
 * The fixed taxonomy of help, shared by partner organisations (what they offer) and by needs (what
 * people ask for), so a need can be matched to a partner. Labels live in locales/<language>/services.json.
 */
export const SERVICES = [
  "health",
  "mental_health",
  "legal",
  "shelter",
  "food",
  "cash",
  "education",
  "child_protection",
  "gbv",
  "womens_health",
  "documentation",
  "livelihoods",
] as const;

export type Service = (typeof SERVICES)[number];

/** A service's label is this and its id; flows:check counts them as used. */
export const SERVICE_TEXTS = "services.";

export const isService = (value: string): value is Service => (SERVICES as readonly string[]).includes(value);

/**
 * Every menu of services (a choice with a `services.` label) lists the whole taxonomy in its order, each
 * option with its own label: "3" is legal help in every journey, whichever the person used first.
 * Empty when all is well.
 */
export function serviceMenuProblems(flows: Flows): string[] {
  const problems: string[] = [];
  for (const flow of flows.values()) {
    for (const node of flow.nodes.values()) {
      if (
        node.type !== "ask" ||
        node.answer.type !== "choice" ||
        !node.answer.options.some((o) => o.label.startsWith(SERVICE_TEXTS))
      )
        continue;
      const where = `${flow.source} node "${node.id}"`;
      const values = node.answer.options.filter((o) => o.listed).map((o) => o.value);
      if (values.join() !== SERVICES.join())
        problems.push(
          `${where}: lists ${values.join(", ")}; a services menu lists ${SERVICES.join(", ")}, in this order`,
        );
      for (const o of node.answer.options) {
        if (o.label !== `${SERVICE_TEXTS}${o.value}`)
          problems.push(`${where} option "${o.value}": labelled "${o.label}", not "${SERVICE_TEXTS}${o.value}"`);
      }
    }
  }
  return problems;
}
