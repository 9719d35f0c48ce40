import { buildFlows, builtinActions, newState, resume, startFlow, type Texts } from "../../src/engine/index.ts";
import { STOP_KEYWORDS } from "../support/engine-keywords.ts";

// texts equal to their keys; the one word list is STOP's
const texts: Texts = {
  t: (_l, key) => key,
  words: (_l, key) => (key === "keywords.stop" ? ["stop"] : []),
  rtl: () => false,
};
const entry = { welcome: "menu", menu: "menu" };
const keywords = STOP_KEYWORDS;
const yesNo = {
  type: "choice",
  options: [
    { value: "yes", label: "o.yes", next: "thanks" },
    { value: "no", label: "o.no", next: "missing" },
  ],
};
const flows = [
  {
    flow: "menu",
    version: 1,
    nodes: [
      {
        id: "menu",
        type: "ask",
        text: "q.menu",
        answer: {
          type: "choice",
          options: [
            { value: "info", label: "o.info", next: "info" },
            { value: "two", label: "o.two", next: "two" },
            { value: "three", label: "o.three", next: "three" },
          ],
        },
      },
      { id: "info", type: "goto", flow: "info" },
      { id: "two", type: "say", text: "t.two" },
      { id: "three", type: "say", text: "t.three" },
    ],
  },
  {
    flow: "info",
    version: 1,
    nodes: [
      { id: "facts", type: "say", text: "t.facts", next: "helped" },
      { id: "helped", type: "ask", text: "q.helped", answer: yesNo, optional: true },
      { id: "missing", type: "ask", text: "q.missing", answer: { type: "text" }, optional: true, next: "thanks" },
      { id: "thanks", type: "say", text: "t.thanks" },
    ],
  },
];

function ctx(docs: unknown[] = flows) {
  const built = buildFlows(
    docs.map((data, i) => ({ source: `f${i}.yaml`, data })),
    { actions: builtinActions, entry, hasText: () => true },
  );
  return {
    problems: built.problems,
    engine: {
      flows: built.flows,
      texts,
      actions: builtinActions,
      entry,
      keywords,
      textVariant: "sms",
      defaultLanguage: "en",
    },
  };
}

const said = (r: { events: { type: string; text?: string }[] }) =>
  r.events.flatMap((e) => (e.type === "msg_created" ? [e.text?.split("\n")[0]] : []));
const reply = (text: string) => ({ text, media: [] });

async function asked() {
  const { engine, problems } = ctx();
  expect(problems).toEqual([]);
  const state = await startFlow(engine, newState("en"), "info");
  expect(said(state)).toEqual(["t.facts", "q.helped"]);
  return { engine, state };
}

test("an optional question takes its own answer: yes thanks, no asks what was missing", async () => {
  const { engine, state } = await asked();
  const yes = await resume(engine, state, reply("1"));
  expect(said(yes)).toEqual(["t.thanks"]);
  expect(yes.session.stack).toEqual([]);
  const no = await resume(engine, state, reply("2"));
  expect(said(no)).toEqual(["q.missing"]);
  const words = await resume(engine, no, reply("the address of the clinic"));
  expect(said(words)).toEqual(["t.thanks"]);
});

test("a reply that is no answer to it goes on as without the question: a menu number picks from the menu", async () => {
  const { engine, state } = await asked();
  const three = await resume(engine, state, reply("3"));
  expect(said(three)).toEqual(["t.three"]);
  // never retried: no "sorry, I did not understand"
  const other = await resume(engine, state, reply("where is my case?"));
  expect(said(other)).toEqual(["q.menu"]);
  expect(other.session.stack).toEqual([{ flow: "menu", node: "menu", version: 1 }]);
});

test("an optional free text never takes a menu's number; a keyword works as anywhere", async () => {
  const { engine, state } = await asked();
  const no = await resume(engine, state, reply("2"));
  const menuPick = await resume(engine, no, reply("3"));
  expect(said(menuPick)).toEqual(["t.three"]);
  const stop = await resume(engine, state, reply("STOP"));
  expect(stop.events.map((e) => e.type)).toEqual(["opted_out", "msg_created"]);
  expect(stop.person.optedOut).toBe(true);
});

test("flows:check refuses an optional question that would ask again", () => {
  const helped = { id: "helped", type: "ask", text: "q.helped", answer: yesNo, optional: true, retry_text: "t.again" };
  const info = { ...flows[1], nodes: [flows[1]!.nodes[0], helped, ...flows[1]!.nodes.slice(2)] };
  const { problems } = ctx([flows[0], info]);
  expect(problems).toContainEqual({
    source: "f1.yaml",
    node: "helped",
    path: "nodes.1.optional",
    reason: "an optional question is never asked again: it takes no retry_text or on_fail",
  });
});
