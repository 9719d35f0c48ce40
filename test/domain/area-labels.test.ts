import path from "node:path";
import { flowsCheckCommand } from "../../src/cli/flows-check.ts";
import { parseConfig } from "../../src/config.ts";
import { areaProblems, checkAreas } from "../../src/domain/areas/area-labels.ts";
import { areasFile, AreasFileError, readAreas } from "../../src/domain/areas/areas.ts";
import { loadFlows } from "../../src/flows/load-flows.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { startServer } from "../../src/server.ts";
import { runCommand } from "../support/cli.ts";
import { copyWith } from "../support/files.ts";
import { actions } from "../support/transcript.ts";

/** A copy of the bundled flows and locales, with one file rewritten by `change`. */
function changed(file: string, change: (text: string) => string): { flows: string; locales: string } {
  const dir = copyWith(["flows", "locales"], file, change);
  return { flows: path.join(dir, "flows"), locales: path.join(dir, "locales") };
}

function problemsIn(dirs: { flows: string; locales: string }): string[] {
  const texts = createTexts(readLocales(dirs.locales), "en");
  const flows = loadFlows(dirs.flows, { actions: actions.contracts, hasText: (k) => texts.has("en", k) });
  return areaProblems(readAreas(areasFile(dirs.flows)), flows, texts, {
    areasFile: areasFile(dirs.flows),
    localesDir: dirs.locales,
  });
}

test("the bundled areas, labels and area menus are in step", () => {
  expect(problemsIn({ flows: "flows", locales: "locales" })).toEqual([]);
});

test("an area without a label in one locale is named with the locale, the key and the areas file", () => {
  const dirs = changed("locales/ar/areas.json", (t) => t.replace(/\s*"samos": "[^"]*",/, ""));
  expect(problemsIn(dirs)).toEqual([
    `${dirs.locales}/ar: no label "areas.samos" for area "samos" of ${dirs.flows}/data/areas.yaml`,
  ]);
});

test("a new area in areas.yaml needs its label in every locale", () => {
  const dirs = changed("flows/data/areas.yaml", (t) => `${t}  crete:\n    names: [heraklion]\n`);
  const problems = problemsIn(dirs);
  expect(problems).toHaveLength(Object.keys(readLocales(dirs.locales)).length);
  expect(problems).toContain(
    `${dirs.locales}/en: no label "areas.crete" for area "crete" of ${dirs.flows}/data/areas.yaml`,
  );
});

test("an area menu option that is not an area is named with its flow file, node and value", () => {
  const dirs = changed("flows/find_help.yaml", (t) =>
    t.replace("{ value: samos, label: areas.samos }", "{ value: crete, label: areas.samos }"),
  );
  expect(problemsIn(dirs)).toEqual([
    `${dirs.flows}/find_help.yaml node "ask_area" option "crete": not an area of ${dirs.flows}/data/areas.yaml (nor "other")`,
  ]);
});

test("an area menu option shows its own area's label", () => {
  const dirs = changed("flows/report_need.yaml", (t) =>
    t.replace("{ value: samos, label: areas.samos }", "{ value: samos, label: areas.lesvos }"),
  );
  expect(problemsIn(dirs)).toEqual([
    `${dirs.flows}/report_need.yaml node "area" option "samos": labelled "areas.lesvos", not "areas.samos"`,
  ]);
});

test("problems are thrown together as an AreasFileError", () => {
  const dirs = changed("flows/find_help.yaml", (t) =>
    t.replace("{ value: samos, label: areas.samos }", "{ value: crete, label: areas.samos }"),
  );
  const texts = createTexts(readLocales(dirs.locales), "en");
  const flows = loadFlows(dirs.flows, { actions: actions.contracts, hasText: (k) => texts.has("en", k) });
  const check = () =>
    checkAreas(readAreas(areasFile(dirs.flows)), flows, texts, {
      areasFile: areasFile(dirs.flows),
      localesDir: dirs.locales,
    });
  expect(check).toThrow(AreasFileError);
  expect(check).toThrow(/^areas out of step:\n {2}- .*find_help\.yaml node "ask_area" option "crete"/);
});

test("start-up stops on an area without a label, naming locale, key and file", async () => {
  const dirs = changed("locales/fr/areas.json", (t) => t.replace(/\s*"ioannina": "[^"]*",/, ""));
  const config = parseConfig({
    FLOWS_DIR: dirs.flows,
    LOCALES_DIR: dirs.locales,
    DATABASE_URL: "memory://",
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  // src/main.ts prints an AreasFileError as "Cannot start: <message>" and exits 1, as flow-files.test.ts sees it do
  const starting = startServer(config);
  await expect(starting).rejects.toThrow(AreasFileError);
  await expect(starting).rejects.toThrow(
    `areas out of step:\n  - ${dirs.locales}/fr: no label "areas.ioannina" for area "ioannina" of ${dirs.flows}/data/areas.yaml`,
  );
}, 60_000);

test("npm run flows:check fails on an area menu option that is not an area", async () => {
  const dirs = changed("flows/report_need.yaml", (t) =>
    t.replace("{ value: ioannina, label: areas.ioannina }", "{ value: kos, label: areas.ioannina }"),
  );
  expect(await runCommand(flowsCheckCommand, ["--flows", dirs.flows, "--locales", dirs.locales])).toMatchObject({
    code: 1,
    stdout: expect.stringContaining(
      `areas: ${dirs.flows}/report_need.yaml node "area" option "kos": not an area of ${dirs.flows}/data/areas.yaml`,
    ),
  });
}, 60_000);
