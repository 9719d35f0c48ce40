import {
  buildFlows,
  builtinActions,
  formatProblem,
  newState,
  readRisk,
  resume,
  riskWords,
  type TurnState,
} from "../../src/engine/index.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { engineContext } from "../support/transcript.ts";

const texts = createTexts(readLocales("locales"), "en");
const en = riskWords(texts, "en");

test("a hint is a danger-domain word alone; an idiom or an everyday phrase cancels it as it cancels a risk", () => {
  expect(readRisk("he came back with a knife", [en])).toEqual({ risk: [], hint: [0] });
  expect(readRisk("this heat is killing me", [en])).toEqual({ risk: [], hint: [] });
  expect(readRisk("where can I buy bread", [en])).toEqual({ risk: [], hint: [] });
  // a named risk is a risk, not a hint
  expect(readRisk("he has a knife and he beats me", [en])).toEqual({ risk: [0], hint: [] });
});

test("every locale lists hints, and none of them is a risk on its own (a hint that were one would never be asked)", () => {
  for (const language of texts.languages) {
    const lists = riskWords(texts, language);
    expect([language, lists.hints!.length > 10]).toEqual([language, true]);
    for (const hint of lists.hints!.filter((w) => !w.includes("*")))
      expect([language, hint, readRisk(hint, [lists]).hint]).toEqual([language, hint, [0]]);
  }
});

test("asked once, not again within ten minutes whatever the answer, and again after", async () => {
  const ctx = engineContext("whatsapp");
  let state: TurnState = newState("en");
  const at = (minutes: number) => new Date(Date.UTC(2027, 0, 1, 12, minutes));
  const send = async (text: string, minutes: number) => {
    const r = await resume(ctx, state, { text, media: [], receivedAt: at(minutes) });
    state = r;
    return r.events.flatMap((e) => (e.type === "msg_created" ? [e.text.split("\n")[0]] : []));
  };
  const asked = "Are you or someone with you in danger now?";
  expect(await send("I am scared", 0)).toEqual([asked]);
  expect(await send("no", 1)).toContain("How can we help? Reply with a number:");
  expect(await send("I am scared", 5)).not.toContain(asked);
  expect(await send("I am scared", 12)).toEqual([asked]);
});

test("only the danger question may release a held message: a release node elsewhere is a flow error", () => {
  const flow = (id: string) => ({
    flow: id,
    version: 1,
    nodes: [{ id: "go", type: "release", as: "reply" }],
  });
  const entry = { welcome: "main", menu: "main", language: "main", help: "main", erase: "main", riskCheck: "check" };
  const built = buildFlows(
    [flow("main"), flow("check")].map((data, i) => ({ source: `f${i}.yaml`, data })),
    { actions: builtinActions, entry, hasText: () => true },
  );
  expect(built.problems.map(formatProblem)).toEqual(['f0.yaml node "go" at type: release is for the riskCheck flow']);
});
