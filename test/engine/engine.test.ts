import { z } from "zod";
import {
  type Action,
  buildFlows,
  builtinActions,
  defineAction,
  newState,
  resume,
  startFlow,
  toAsciiDigits,
  type Texts,
} from "../../src/engine/index.ts";
import { parseAnswer } from "../../src/engine/answers.ts";
import { afterWelcome, engineContext } from "../support/transcript.ts";
import { STOP_KEYWORDS } from "../support/engine-keywords.ts";

// A tiny language with texts equal to their keys: engine behaviour without the bundled content.
const keyTexts: Texts = {
  t: (_l, key, vars) => `${key}${vars.n !== undefined ? `:${vars.n}` : ""}`,
  words: () => [],
  rtl: () => false,
};
const entry = { welcome: "main", menu: "main" };
const keywords = STOP_KEYWORDS;
function ctxFor(docs: unknown[], actions: Record<string, Action<unknown>> = {}) {
  const built = buildFlows(
    docs.map((data, i) => ({ source: `f${i}.yaml`, data })),
    {
      actions: { ...builtinActions, ...actions },
      entry,
      hasText: () => true,
    },
  );
  expect(built.problems).toEqual([]);
  return {
    flows: built.flows,
    texts: keyTexts,
    actions: { ...builtinActions, ...actions },
    entry,
    keywords,
    textVariant: "sms",
    defaultLanguage: "en",
  };
}

test("digits from Arabic, Persian, Bengali and Myanmar keyboards read as numbers", () => {
  expect(toAsciiDigits("١٢٣ ۴۵۶ ০৯ ၁")).toBe("123 456 09 1");
});

test("answers are parsed into results, never exceptions", () => {
  const words = { label: () => "", keywords: () => [] };
  const num = { type: "number" as const, min: 1, max: 120, integer: true };
  expect(parseAnswer(num, { text: " ٤٢ ", media: [] }, words)).toEqual({ ok: true, value: 42 });
  expect(parseAnswer(num, { text: "200", media: [] }, words)).toEqual({ ok: false, reason: "too_large" });
  expect(parseAnswer(num, { text: "abc", media: [] }, words)).toEqual({ ok: false, reason: "not_a_number" });
  const pattern = { type: "pattern" as const, regex: /^(?:[A-Z]{3}-\d{3})$/u, upper: true };
  expect(parseAnswer(pattern, { text: "abc-١٢٣", media: [] }, words)).toEqual({ ok: true, value: "ABC-123" });
  const text = { type: "text" as const, min_length: 2, max_length: 5, accept_media: false };
  expect(parseAnswer(text, { text: "too long", media: [] }, words)).toEqual({ ok: false, reason: "too_long" });
});

test("a voice note without words answers a text question only where the flow accepts media", () => {
  const words = { label: () => "", keywords: () => [] };
  const voice = { text: " ", media: [{ url: "https://media.example/v1", contentType: "audio/ogg" }] };
  const text = { type: "text" as const, min_length: 2, max_length: 500, accept_media: false };
  expect(parseAnswer(text, voice, words)).toEqual({ ok: false, reason: "too_short" });
  expect(parseAnswer({ ...text, accept_media: true }, voice, words)).toEqual({ ok: true, value: "" });
  expect(parseAnswer({ ...text, accept_media: true }, { text: "", media: [] }, words)).toEqual({
    ok: false,
    reason: "too_short",
  });
});

test("an action after the ask a voice note answered still sees its media; a refused one is asked again", async () => {
  const seen: unknown[] = [];
  const ctx = ctxFor(
    [
      {
        flow: "main",
        version: 1,
        nodes: [
          { id: "name", type: "ask", text: "q.name", answer: { type: "text" }, next: "describe" },
          {
            id: "describe",
            type: "ask",
            text: "q.describe",
            answer: { type: "text", accept_media: true },
            save_as: "words",
            next: "store",
          },
          { id: "store", type: "action", action: "store", params: { words: "@words" }, outcomes: { ok: "done" } },
          { id: "done", type: "say", text: "t.done" },
        ],
      },
    ],
    {
      store: defineAction({
        params: z.strictObject({ words: z.string() }),
        outcomes: ["ok"],
        run: async (req) => {
          seen.push({ params: req.params, media: req.media, input: req.input });
          return { outcome: "ok" };
        },
      }),
    },
  );
  const voice = { text: "", media: [{ url: "https://media.example/v1", contentType: "audio/ogg" }] };
  const first = await startFlow(ctx, newState("en"), "main");
  const refused = await resume(ctx, first, voice);
  expect(refused.events.map((e) => e.type === "msg_created" && e.text)).toEqual(["engine.retry\nq.name"]);
  const named = await resume(ctx, refused, { text: "Amal", media: [] });
  const stored = await resume(ctx, named, voice);
  expect(stored.events.map((e) => e.type === "msg_created" && e.text)).toEqual(["t.done"]);
  expect(seen).toEqual([{ params: { words: "" }, media: voice.media, input: undefined }]);
});

test("subflows return to their caller; routes and actions branch on variables", async () => {
  const ctx = ctxFor(
    [
      {
        flow: "main",
        version: 1,
        nodes: [
          { id: "ask_n", type: "ask", text: "q.n", answer: { type: "number" }, save_as: "n", next: "check" },
          {
            id: "check",
            type: "route",
            cases: [{ when: { var: "n", op: "gt", value: 10 }, next: "big" }],
            default: "call",
          },
          { id: "big", type: "action", action: "double", params: { n: "@n" }, outcomes: { ok: "call" } },
          { id: "call", type: "subflow", flow: "sub", next: "bye" },
          { id: "bye", type: "say", text: "t.bye" },
        ],
      },
      { flow: "sub", version: 1, nodes: [{ id: "hi", type: "say", text: "t.sub" }] },
    ],
    {
      double: defineAction({
        params: z.strictObject({ n: z.number() }),
        outcomes: ["ok"],
        sets: ["n"],
        run: async ({ params }) => ({ outcome: "ok", values: { n: params.n * 2 } }),
      }),
    },
  );
  const first = await startFlow(ctx, newState("en"), "main");
  expect(first.events).toEqual([{ type: "msg_created", text: "q.n", redact: false }]);
  const second = await resume(ctx, first, { text: "12", media: [] });
  expect(second.events.map((e) => e.type === "msg_created" && e.text)).toEqual(["t.sub:24", "t.bye:24"]);
  expect(second.session.stack).toEqual([]);
});

test("a loop that never waits is stopped with an error event, which the caller answers (a person will read it)", async () => {
  const ctx = ctxFor([{ flow: "main", version: 1, nodes: [{ id: "a", type: "goto", flow: "main", node: "a" }] }]);
  const r = await startFlow(ctx, newState("en"), "main");
  expect(r.events).toEqual([{ type: "error", reason: expect.stringContaining("steps without waiting") }]);
  expect(r.session.stack).toEqual([]);
});

const boom = defineAction({
  params: z.strictObject({}),
  outcomes: ["ok"],
  run: async () => {
    throw new Error("service down");
  },
});

test("an action that fails with no error branch becomes an error event, not a crash nor the menu", async () => {
  const ctx = ctxFor(
    [
      {
        flow: "main",
        version: 1,
        nodes: [
          { id: "a", type: "action", action: "boom", outcomes: { ok: "b" } },
          { id: "b", type: "end" },
        ],
      },
    ],
    { boom },
  );
  const r = await startFlow(ctx, newState("en"), "main");
  expect(r.events).toEqual([{ type: "error", reason: "main/a: service down" }]);
  expect(r.session.stack).toEqual([]);
});

test("an action node that routes `error` takes it when the action fails: the flow answers, the failure is reported", async () => {
  const ctx = ctxFor(
    [
      {
        flow: "main",
        version: 1,
        nodes: [
          { id: "a", type: "action", action: "boom", outcomes: { ok: "b", error: "sorry" } },
          { id: "b", type: "end" },
          { id: "sorry", type: "say", text: "t.sorry" },
        ],
      },
    ],
    { boom },
  );
  const r = await startFlow(ctx, newState("en"), "main");
  expect(r.events).toEqual([
    { type: "action_failed", reason: "boom at a: service down" },
    { type: "msg_created", text: "t.sorry", redact: false },
  ]);
});

test("an action that breaks its own contract (a variable it does not declare) fails like one that throws", async () => {
  const sly = defineAction({
    params: z.strictObject({}),
    outcomes: ["ok"],
    sets: ["declared"],
    run: async () => ({ outcome: "ok", values: { declared: 1, ["hidden" as string]: 2 } }),
  });
  const ctx = ctxFor(
    [
      {
        flow: "main",
        version: 1,
        nodes: [
          { id: "a", type: "action", action: "sly", outcomes: { ok: "b", error: "b" } },
          { id: "b", type: "end" },
        ],
      },
    ],
    { sly },
  );
  const r = await startFlow(ctx, newState("en"), "main");
  expect(r.events).toEqual([
    { type: "action_failed", reason: "sly at a: action sly set hidden, which it does not declare" },
  ]);
  expect(r.session.vars).toEqual({});
});

test("a session parked on an older flow version restarts that flow with a notice", async () => {
  const ctx = engineContext("whatsapp");
  const welcomed = afterWelcome("en");
  const old = {
    ...welcomed,
    session: { ...welcomed.session, stack: [{ flow: "main_menu", node: "menu", version: 0 }], waiting: true },
  };
  const r = await resume(ctx, old, { text: "1", media: [] });
  expect(r.events.map((e) => e.type === "msg_created" && e.text.split("\n")[0])).toEqual([
    "We have updated this service. Let us start this part again.",
    "How can we help? Reply with a number:",
  ]);
});

test("a redacted question marks the reply for the transcript", async () => {
  const ctx = ctxFor([
    {
      flow: "main",
      version: 1,
      nodes: [
        {
          id: "pin",
          type: "ask",
          text: "q.pin",
          answer: { type: "pattern", regex: "\\d{4}" },
          redact: true,
          next: "ok",
        },
        { id: "ok", type: "say", text: "t.ok", redact: true },
      ],
    },
  ]);
  const first = await startFlow(ctx, newState("en"), "main");
  const r = await resume(ctx, first, { text: "1234", media: [] });
  expect(r.events).toEqual([{ type: "input_redacted" }, { type: "msg_created", text: "t.ok", redact: true }]);
});

test("a personal question marks the reply (and a retry of it) as the person's own words, kept readable", async () => {
  const ctx = ctxFor([
    {
      flow: "main",
      version: 1,
      nodes: [
        {
          id: "describe",
          type: "ask",
          text: "q.pin",
          answer: { type: "text", min_length: 2 },
          personal: true,
          next: "ok",
        },
        { id: "ok", type: "say", text: "t.ok" },
      ],
    },
  ]);
  const first = await startFlow(ctx, newState("en"), "main");
  const retry = await resume(ctx, first, { text: "x", media: [] });
  expect(retry.events[0]).toEqual({ type: "input_personal" });
  const r = await resume(ctx, retry, { text: "we sleep in the park", media: [] });
  expect(r.events).toEqual([{ type: "input_personal" }, { type: "msg_created", text: "t.ok", redact: false }]);
});

test("a new person's risk words in several lists: the chooser decides among exactly those, or the default answers with no language set", async () => {
  const lists: Record<string, string[]> = {
    en: ["violence"],
    xx: ["violence", "danger"],
    yy: ["danger"],
    zz: ["other"],
  };
  const riskTexts: Texts = {
    ...keyTexts,
    t: (l, key) => `${l}:${key}`,
    words: (l, key) => (key === "risk.words" ? (lists[l] ?? []) : []),
    languages: Object.keys(lists),
  };
  const asked: (readonly string[])[] = [];
  const ctx = (choice: string | undefined) => ({
    ...ctxFor([{ flow: "main", version: 1, nodes: [{ id: "a", type: "say", text: "t.a" }] }]),
    texts: riskTexts,
    chooseLanguage: (_text: string, candidates: readonly string[]) => {
      asked.push(candidates);
      return choice;
    },
  });
  const said = (r: { events: { type: string; text?: string }[] }) =>
    r.events.flatMap((e) => (e.type === "msg_created" ? [e.text] : []));

  const chosen = await resume(ctx("yy"), newState(null), { text: "DANGER!", media: [] });
  expect(asked).toEqual([["xx", "yy"]]);
  expect(said(chosen)).toEqual(["yy:risk.emergency"]);
  expect(chosen.person.language).toBe("yy");

  const unclear = await resume(ctx(undefined), newState(null), { text: "violence", media: [] });
  expect(asked.at(-1)).toEqual(["en", "xx"]);
  expect(said(unclear)).toEqual(["en:risk.emergency"]);
  expect(unclear.person.language).toBeNull();
  expect(unclear.events).toContainEqual({ type: "handoff_requested", urgent: true, reason: "risk" });

  // one list alone needs no choice; a person whose language is known is checked against theirs and the default's
  asked.length = 0;
  expect((await resume(ctx("en"), newState(null), { text: "other", media: [] })).person.language).toBe("zz");
  expect(said(await resume(ctx("en"), newState("zz"), { text: "danger", media: [] }))).toEqual(["zz:t.a"]);
  expect(asked).toEqual([]);
});
