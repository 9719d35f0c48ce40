import { readdirSync } from "node:fs";
import path from "node:path";
import { FlowLoadError, loadFlows } from "../../src/flows/load-flows.ts";
import { runTsx } from "../support/cli.ts";
import { copyWith } from "../support/files.ts";
import { actions } from "../support/transcript.ts";

const opts = { actions: actions.contracts, hasText: (k: string) => k !== "menu.missing" };

/** A copy of the bundled flows with one more file. */
const flowsDirWith = (file: string, content: string | string[]) => path.join(copyWith(["flows"], `flows/${file}`, () => content), "flows");

function problemsOf(dir: string): string {
  try {
    loadFlows(dir, opts);
  } catch (e) {
    if (e instanceof FlowLoadError) return e.message;
    throw e;
  }
  throw new Error("expected the flows to be refused");
}

test("every bundled flow file loads, under the name of its file", () => {
  const files = readdirSync("flows").filter((f) => f.endsWith(".yaml")).map((f) => path.basename(f, ".yaml")).sort();
  expect(files).toEqual(expect.arrayContaining(["welcome", "main_menu", "talk_to_person"]));
  expect([...loadFlows("flows", opts).keys()].sort()).toEqual(files);
});

test("a broken flow file is named with its node, path and reason", () => {
  const dir = flowsDirWith("broken.yaml", [
    "flow: broken", "version: 1", "nodes:",
    "  - { id: first, type: say, text: menu.prompt, next: nowhere }",
    "  - { id: second, type: ask, text: menu.missing, answer: { type: choice, options: [] } }",
    "  - { id: third, type: action, action: launch_rocket, outcomes: { ok: first } }",
  ]);
  const message = problemsOf(dir);
  expect(message).toContain(`${dir}/broken.yaml node "second" at nodes.1.answer.options: Too small`);
});

test("references are checked across nodes and flows", () => {
  const dir = flowsDirWith("refs.yaml", [
    "flow: refs", "version: 1", "nodes:",
    "  - { id: first, type: say, text: menu.missing, next: nowhere }",
    "  - { id: third, type: action, action: launch_rocket, outcomes: { ok: first } }",
    "  - { id: fourth, type: goto, flow: no_such_flow }",
    "  - { id: first, type: end }",
  ]);
  const message = problemsOf(dir);
  expect(message).toContain(`refs.yaml node "first" at next: goes to "nowhere", which is not a node of flow "refs"`);
  expect(message).toContain(`refs.yaml node "first" at text.0: text "menu.missing" is missing from the default locale`);
  expect(message).toContain(`refs.yaml node "third" at action: unknown action "launch_rocket"`);
  expect(message).toContain(`refs.yaml node "fourth" at flow: no flow "no_such_flow"`);
  expect(message).toContain(`refs.yaml node "first" at nodes.3.id: duplicate node id`);
});

test("bad YAML is reported with its line", () => {
  const message = problemsOf(flowsDirWith("bad.yaml", "flow: bad\nversion: 1\nnodes:\n  - { id: a, type: say\n"));
  expect(message).toMatch(/bad\.yaml at line \d+: /);
});

test("start-up stops on a broken flow file, naming file, node and reason", async () => {
  const dir = flowsDirWith("broken.yaml", "flow: broken\nversion: 1\nnodes:\n  - { id: only, type: say, text: menu.prompt, next: gone }\n");
  const run = runTsx("src/main.ts", [], { FLOWS_DIR: dir, DATABASE_URL: "memory://", PORT: "0" });
  await expect(run).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining(`Cannot start: flows are broken:\n  - ${dir}/broken.yaml node "only" at next: goes to "gone"`),
  });
}, 60_000);

test("flows/flow.schema.json is generated from the current zod schema (npm run flows:schema)", async () => {
  const { readFileSync } = await import("node:fs");
  const { flowJsonSchema } = await import("../../src/flows/json-schema.ts");
  expect(readFileSync("flows/flow.schema.json", "utf8")).toBe(flowJsonSchema());
});
