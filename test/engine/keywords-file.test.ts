import path from "node:path";
import { FlowLoadError, KEYWORDS_FILE, loadFlows, loadKeywords } from "../../src/flows/load-flows.ts";
import { copyWith } from "../support/files.ts";
import { resume } from "../../src/engine/index.ts";
import { actions, afterWelcome, bundledFlows, bundledKeywords, engineContext } from "../support/transcript.ts";

// flows/keywords.yaml: the global keywords as data (goflow's keyword triggers), checked as flows are.
const hasText = (k: string) => !k.endsWith(".missing");

/** The bundled flows with keywords.yaml rewritten: the problems start-up refuses it with. */
function keywordProblems(change: (text: string) => string | string[]): string {
  const dir = path.join(copyWith(["flows"], `flows/${KEYWORDS_FILE}`, change), "flows");
  const flows = loadFlows(dir, { actions: actions.contracts, hasText });
  try {
    loadKeywords(dir, flows, hasText);
  } catch (e) {
    if (e instanceof FlowLoadError) return e.message;
    throw e;
  }
  throw new Error("expected the keywords to be refused");
}

test("the bundled keywords load: STOP, START, MENU, LANG, HELP, PRIVACY, UPDATES, CASE, FEEDBACK and ERASE, in that order, and the back words", () => {
  expect(bundledKeywords.triggers.map((t) => t.action ?? t.flow)).toEqual([
    "opt_out",
    "opt_in",
    "home",
    "change_language",
    "talk_to_person",
    "privacy",
    "change_updates",
    "case_status",
    "feedback_follow_up",
    "erase_data",
  ]);
  expect(bundledKeywords.back).toBe("keywords.back");
  // not a flow: the flow files are every other .yaml
  expect(bundledFlows.has("keywords")).toBe(false);
});

test("a keyword naming both a flow and an action, an unknown action, or a file without STOP is refused, named with file, path and reason", () => {
  const both = keywordProblems((text) => text.replace("action: home", "action: home, flow: welcome"));
  expect(both).toMatch(/keywords\.yaml at triggers\.2: a keyword names either a flow or an action/);
  const unknown = keywordProblems((text) => text.replace("action: home", "action: launch"));
  expect(unknown).toMatch(/keywords\.yaml at triggers\.2\.action: Invalid option/);
  const noStop = keywordProblems((text) => text.replace(/^ {2}- \{ words: keywords\.stop.*\n/m, ""));
  expect(noStop).toMatch(/keywords\.yaml at triggers: no keyword with action opt_out/);
});

test("a keyword starting a flow that does not exist, or with a word list no locale has, is refused", () => {
  const message = keywordProblems((text) =>
    text
      .replace("flow: change_language", "flow: no_such_flow")
      .replace("words: keywords.help", "words: keywords.missing"),
  );
  expect(message).toMatch(/keywords\.yaml at triggers\.3\.flow: no flow "no_such_flow"/);
  expect(message).toMatch(/keywords\.yaml at triggers\.4\.words: no text "keywords\.missing"/);
});

test("a keywords file that is not YAML stops start-up naming it and the line", () => {
  expect(keywordProblems(() => "triggers: [ {")).toMatch(/keywords\.yaml at line \d+: /);
});

// what the file says is what the engine does: a word moved to another trigger changes its meaning
test("a word list given another trigger in the file takes that meaning: the engine has no keyword of its own", async () => {
  const keywords = {
    ...bundledKeywords,
    triggers: bundledKeywords.triggers.map((t) =>
      t.words === "keywords.menu" ? { ...t, action: undefined, flow: "erase_data" } : t,
    ),
  };
  const result = await resume({ ...engineContext("whatsapp"), keywords }, afterWelcome("en"), {
    text: "menu",
    media: [],
  });
  expect(result.events).toEqual([
    expect.objectContaining({ type: "msg_created", text: expect.stringMatching(/Erase everything\?/) }),
  ]);
});
