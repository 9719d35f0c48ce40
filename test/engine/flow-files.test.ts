import { readdirSync } from "node:fs";
import path from "node:path";
import { FlowLoadError, KEYWORDS_FILE, loadFlows } from "../../src/flows/load-flows.ts";
import { runTsx } from "../support/cli.ts";
import { copyWith } from "../support/files.ts";
import { actions } from "../support/transcript.ts";

const opts = { actions: actions.contracts, hasText: (k: string) => k !== "menu.missing" };

/** A copy of the bundled flows with one more file. */
const flowsDirWith = (file: string, content: string | string[]) =>
  path.join(
    copyWith(["flows"], `flows/${file}`, () => content),
    "flows",
  );

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
  const files = readdirSync("flows")
    .filter((f) => f.endsWith(".yaml") && f !== KEYWORDS_FILE)
    .map((f) => path.basename(f, ".yaml"))
    .sort();
  expect(files).toEqual(expect.arrayContaining(["welcome", "main_menu", "talk_to_person"]));
  expect([...loadFlows("flows", opts).keys()].sort()).toEqual(files);
});

test("a broken flow file is named with its node, path and reason", () => {
  const dir = flowsDirWith("broken.yaml", [
    "flow: broken",
    "version: 1",
    "nodes:",
    "  - { id: first, type: say, text: menu.prompt, next: nowhere }",
    "  - { id: second, type: ask, text: menu.missing, answer: { type: choice, options: [] } }",
    "  - { id: third, type: action, action: launch_rocket, outcomes: { ok: first } }",
  ]);
  const message = problemsOf(dir);
  expect(message).toContain(`${dir}/broken.yaml node "second" at nodes.1.answer.options: Too small`);
});

test("references are checked across nodes and flows", () => {
  const dir = flowsDirWith("refs.yaml", [
    "flow: refs",
    "version: 1",
    "nodes:",
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

test("an action node is checked against its action's contract: params, outcomes, literal values", () => {
  const dir = flowsDirWith("contract.yaml", [
    "flow: contract",
    "version: 1",
    "nodes:",
    "  - { id: ask, type: ask, text: menu.prompt, answer: { type: text }, save_as: typed, next: lock }",
    "  - { id: lock, type: action, action: case_lock_status, params: { case_numbr: '@typed' }, outcomes: { open: save, lost: save } }",
    "  - { id: save, type: action, action: save_need, params: { category: food_parcels, urgency: today, area: '@typed' }, outcomes: { saved: done, error: done } }",
    "  - { id: done, type: end }",
  ]);
  const message = problemsOf(dir);
  expect(message).toContain(
    `contract.yaml node "lock" at params.case_numbr: case_lock_status takes no param "case_numbr" (it takes: case_number)`,
  );
  expect(message).toContain(`contract.yaml node "lock" at params: case_lock_status needs param "case_number"`);
  expect(message).toContain(
    `contract.yaml node "lock" at outcomes: outcome "locked" of case_lock_status goes nowhere (route every outcome: open, locked)`,
  );
  expect(message).toContain(
    `contract.yaml node "lock" at outcomes.lost: case_lock_status has no outcome "lost" (its outcomes: open, locked, and error)`,
  );
  // a literal is parsed as the action would parse it; "@typed" only has a value later; `error` may always be routed
  expect(message).toMatch(
    /contract\.yaml node "save" at params\.category: "food_parcels" is not a valid category for save_need: /,
  );
  expect(message).not.toMatch(/node "save" at (params\.area|params\.urgency|outcomes)/);
});

test("every variable read is set by a save_as or an action somewhere", () => {
  const dir = flowsDirWith("vars.yaml", [
    "flow: vars",
    "version: 1",
    "nodes:",
    "  - { id: pick, type: route, cases: [{ when: { var: case_stage, op: exists }, next: tell }, { when: { var: stage_typo, op: exists }, next: tell }], default: tell }",
    "  - { id: tell, type: say, text: menu.prompt, count: partner_countt, next: look }",
    "  - { id: look, type: action, action: case_lock_status, params: { case_number: '@case_numbr' }, outcomes: { open: done, locked: done } }",
    "  - { id: done, type: end }",
  ]);
  const message = problemsOf(dir);
  expect(message).toContain(
    `vars.yaml node "pick" at cases.1.when.var: reads "stage_typo", which no save_as or action sets`,
  );
  expect(message).toContain(`vars.yaml node "tell" at count: reads "partner_countt", which no save_as or action sets`);
  expect(message).toContain(
    `vars.yaml node "look" at params.case_number: reads "case_numbr", which no save_as or action sets`,
  );
  // set by check_case in case_status.yaml
  expect(message).not.toContain(`reads "case_stage"`);
});

test("regular expressions are compiled when the flow loads: a broken one is a flow error", () => {
  const dir = flowsDirWith("regex.yaml", [
    "flow: regex",
    "version: 1",
    "nodes:",
    "  - { id: code, type: ask, text: menu.prompt, answer: { type: pattern, regex: '[A-Z' }, save_as: code, next: which }",
    "  - { id: which, type: route, cases: [{ when: { var: code, op: matches, value: '(' }, next: done }], default: done }",
    "  - { id: done, type: end }",
  ]);
  const message = problemsOf(dir);
  expect(message).toMatch(/regex\.yaml node "code" at nodes\.0\.answer\.regex: not a valid regular expression: /);
  expect(message).toMatch(
    /regex\.yaml node "which" at nodes\.1\.cases\.0\.when\.value: not a valid regular expression: /,
  );
});

test("bad YAML is reported with its line", () => {
  const message = problemsOf(flowsDirWith("bad.yaml", "flow: bad\nversion: 1\nnodes:\n  - { id: a, type: say\n"));
  expect(message).toMatch(/bad\.yaml at line \d+: /);
});

test("start-up stops on a broken flow file, naming file, node and reason", async () => {
  const dir = flowsDirWith(
    "broken.yaml",
    "flow: broken\nversion: 1\nnodes:\n  - { id: only, type: say, text: menu.prompt, next: gone }\n",
  );
  const run = runTsx("src/main.ts", [], { FLOWS_DIR: dir, DATABASE_URL: "memory://", PORT: "0" });
  await expect(run).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining(
      `Cannot start: flows are broken:\n  - ${dir}/broken.yaml node "only" at next: goes to "gone"`,
    ),
  });
}, 60_000);

test("flows/flow.schema.json is generated from the current zod schema (npm run flows:schema)", async () => {
  const { readFileSync } = await import("node:fs");
  const { flowJsonSchema } = await import("../../src/flows/json-schema.ts");
  expect(readFileSync("flows/flow.schema.json", "utf8")).toBe(flowJsonSchema());
});
