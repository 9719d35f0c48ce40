import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { flowsCheckCommand } from "../../src/cli/flows-check.ts";
import { runCommand, runTsx } from "../support/cli.ts";
import { copyWith } from "../support/files.ts";

// the check as CI runs it, on the bundled flows and locales and on a fixture that breaks it twice
async function flowsCheck(...args: string[]) {
  const run = await runCommand(flowsCheckCommand, args);
  return { status: run.code, out: run.stdout + run.stderr };
}

test("the bundled flows and 17 locales pass: no missing, too long or unused text", async () => {
  const { status, out } = await flowsCheck();
  expect(out).toMatch(/flows:check ok: \d+ flows, 17 locales/);
  expect(out).toContain("English texts used by no flow, code or other text: 0");
  // every free-text question is measured with its retry too
  expect(out).toMatch(/^case_status\/ask_case_number \(retry\)/m);
  // the find-help answer is measured filled with the seeded partners' longest values, page by page
  expect(out).toMatch(/^find_help\/results page 1 \(longest partners\)(\s+[1-3]){17}$/m);
  expect(status).toBe(0);
}, 60_000);

test("an English text nothing uses fails, so does a free-text retry over 3 segments though each text fits, and code building keys from an undeclared prefix", async () => {
  const fixture = "test/fixtures/flows-check";
  const { status, out } = await flowsCheck(
    "--flows",
    `${fixture}/flows`,
    "--locales",
    `${fixture}/locales`,
    "--src",
    `${fixture}/src`,
  );
  expect(out).toMatch(/^fixture\.story\s+2\s+2$/m);
  // English sends its short _sms sorry; Somali has none, so sorry and question together take 4 segments
  expect(out).toMatch(/^main_menu\/story \(retry\)\s+2\s+4!$/m);
  expect(out).toContain("flows:check failed (3):");
  expect(out).toContain(`so: "main_menu/story (retry)" is 4 SMS segments (at most 3`);
  expect(out).toContain(`en: "fixture.forgotten" is used by no flow, code or other text`);
  expect(out).toContain(`${fixture}/src/greeting.ts: builds text keys from "fixture."; export the prefix`);
  expect(status).toBe(1);
}, 60_000);

test("partner data too long for an SMS page fails the check, though every template fits", async () => {
  const { status, out } = await flowsCheck("--partners", "test/fixtures/flows-check/long-partners.csv");
  expect(out).toMatch(/ar: "find_help\/results page 1 \(longest partners\)" is [4-9] SMS segments/);
  expect(out).not.toMatch(/en: "find_help\/results/);
  expect(status).toBe(1);
}, 60_000);

test("action nodes are checked against their actions' contracts and regexes compiled: a misspelt param, a dropped outcome, a variable never set, a bad regex, an optional question that would ask again", async () => {
  // the bundled flows, with the fixture's two broken flows beside them
  const fixture = "test/fixtures/flows-check/contracts";
  const dir = path.join(
    copyWith(["flows"], "flows/broken_contracts.yaml", () => readFileSync(`${fixture}/broken_contracts.yaml`, "utf8")),
    "flows",
  );
  cpSync(`${fixture}/broken_regex.yaml`, `${dir}/broken_regex.yaml`);
  cpSync(`${fixture}/broken_optional.yaml`, `${dir}/broken_optional.yaml`);
  const { status, out } = await flowsCheck("--flows", dir);
  expect(out).toContain(
    `${dir}/broken_contracts.yaml node "look_up" at params.case_numbr: check_case takes no param "case_numbr" (it takes: case_number, factor)`,
  );
  expect(out).toContain(`${dir}/broken_contracts.yaml node "look_up" at params: check_case needs param "case_number"`);
  expect(out).toContain(
    `${dir}/broken_contracts.yaml node "check_lock" at outcomes: outcome "locked" of case_lock_status goes nowhere`,
  );
  expect(out).toContain(
    `${dir}/broken_contracts.yaml node "look_up" at params.factor: reads "pin", which no save_as or action sets`,
  );
  expect(out).toMatch(
    new RegExp(
      `${dir}/broken_regex\\.yaml node "which" at nodes\\.0\\.cases\\.0\\.when\\.value: not a valid regular expression: .*Unterminated group`,
    ),
  );
  expect(out).toContain(
    `${dir}/broken_optional.yaml node "did_help" at nodes.0.optional: an optional question is never asked again: it takes no retry_text or on_fail`,
  );
  expect(out).toContain("flows:check failed (6):");
  expect(status).toBe(1);
}, 60_000);

// as a script, the way npm run and CI start it: the one check that the command's output and exit code reach the shell
test("a broken flows/keywords.yaml fails the check, named with file, path and reason", async () => {
  const dir = path.join(
    copyWith(["flows"], "flows/keywords.yaml", (text) => text.replace("flow: talk_to_person", "flow: no_such_flow")),
    "flows",
  );
  await expect(runTsx("src/cli/flows-check.ts", ["--flows", dir])).rejects.toMatchObject({
    code: 1,
    stdout: expect.stringContaining(`flow: ${dir}/keywords.yaml at triggers.4.flow: no flow "no_such_flow"`),
  });
}, 60_000);

test("a translation that drops a placeholder fails, and so does a keyword that is a reply word in any locale", async () => {
  const dir = copyWith(["locales"], "locales/fr/needs.json", (text) =>
    text.replace("Votre numéro de référence est {{need_reference}}.", "Votre numéro de référence suit."),
  );
  // Turkish "hayır" (no) as a French stop word: a Turkish person answering no would be unsubscribed
  const core = path.join(dir, "locales/fr/core.json");
  writeFileSync(core, readFileSync(core, "utf8").replace(/"stop": \[/, '"stop": [\n        "hayır",'));
  const { status, out } = await flowsCheck("--locales", path.join(dir, "locales"));
  expect(out).toContain(`fr: "needs.saved" drops {{need_reference}}`);
  expect(out).toContain(`fr: keyword stop "hayır" is a reply in tr (no); a keyword must never be an answer`);
  expect(status).toBe(1);
}, 60_000);
