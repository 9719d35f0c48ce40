import { SERVICES, serviceMenuProblems } from "../../src/domain/services.ts";
import type { Flow, FlowNode } from "../../src/engine/index.ts";
import { bundledFlows } from "../support/transcript.ts";

/** A flow of one services menu listing these services, each labelled `label(value)`. */
const menuOf = (values: readonly string[], label = (v: string) => `services.${v}`): Map<string, Flow> => {
  const node = {
    id: "ask",
    type: "ask",
    text: "x.ask",
    redact: false,
    personal: false,
    max_retries: 2,
    answer: { type: "choice", options: values.map((value) => ({ value, label: label(value), listed: true })) },
  } as FlowNode;
  return new Map([
    ["f", { id: "f", version: 1, start: "ask", source: "flows/f.yaml", nodes: new Map([["ask", node]]) }],
  ]);
};

test("every services menu of the bundled flows numbers the kinds of help alike", () => {
  expect(serviceMenuProblems(bundledFlows)).toEqual([]);
});

test("a services menu in another order, with fewer services or another option's label is refused, naming file and node", () => {
  const legalFirst = ["legal", ...SERVICES.filter((s) => s !== "legal")];
  expect(serviceMenuProblems(menuOf(legalFirst))).toEqual([
    expect.stringMatching(/^flows\/f\.yaml node "ask": lists legal, health, /),
  ]);
  expect(serviceMenuProblems(menuOf(SERVICES.slice(0, 9)))).toHaveLength(1);
  expect(serviceMenuProblems(menuOf(SERVICES, (v) => (v === "food" ? "services.shelter" : `services.${v}`)))).toEqual([
    `flows/f.yaml node "ask" option "food": labelled "services.shelter", not "services.food"`,
  ]);
});
