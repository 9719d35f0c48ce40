import { resume, type TurnState } from "../../src/engine/index.ts";
import { afterWelcome, engineContext } from "../support/transcript.ts";

// A tapped choice (Input.payload) answers the question it was offered with, as typing its number does.
const ctx = engineContext("whatsapp");
const texts = (events: Awaited<ReturnType<typeof resume>>["events"]) =>
  events.flatMap((e) => (e.type === "msg_created" ? [e.text] : []));

async function atMenu(): Promise<TurnState> {
  const { events, ...state } = await resume(ctx, afterWelcome("en"), { text: "menu", media: [] });
  const menu = events.find((e) => e.type === "msg_created");
  expect(menu?.type === "msg_created" && menu.menu?.choices.map((c) => c.payload)).toEqual([
    "main_menu/menu/1/1",
    "main_menu/menu/1/2",
    "main_menu/menu/1/3",
    "main_menu/menu/1/4",
    "main_menu/menu/1/5",
    "main_menu/menu/1/6",
    "main_menu/menu/1/7",
  ]);
  return state;
}

test("a tap answers the open question as its number, whatever the title the phone sends as text", async () => {
  const result = await resume(ctx, await atMenu(), {
    text: "Talk about something else",
    media: [],
    payload: "main_menu/menu/1/2",
  });
  expect(texts(result.events)).toEqual([expect.stringMatching(/case number/i)]);
});

test("after a journey ended, a tap on the menu it offered still answers the menu, as its number would", async () => {
  const welcomed = afterWelcome("en");
  const ended: TurnState = { ...welcomed, session: { ...welcomed.session, stack: [], waiting: false } };
  const result = await resume(ctx, ended, { text: "Check my case", media: [], payload: "main_menu/menu/1/2" });
  expect(texts(result.events)).toEqual([expect.stringMatching(/case number/i)]);
});

test("a tap from an older version of the flow is no answer: said kindly, and the open question asked again", async () => {
  const result = await resume(ctx, await atMenu(), { text: "Check my case", media: [], payload: "main_menu/menu/0/2" });
  expect(texts(result.events)).toEqual([
    expect.stringMatching(/^That choice was from an earlier message\.\nHow can we help/),
  ]);
  expect(result.session.waiting).toBe(true);
});

test("after STOP a tap is as silent as any message", async () => {
  const menu = await atMenu();
  const stopped: TurnState = {
    session: { ...menu.session, stack: [], waiting: false },
    person: { ...menu.person, optedOut: true },
  };
  const result = await resume(ctx, stopped, { text: "Check my case", media: [], payload: "main_menu/menu/1/2" });
  expect(result.events).toEqual([]);
});

test("while 'Did this help?' is open after a journey, a tap on the menu it ended with answers the menu, not the question", async () => {
  const { events, ...asked } = await resume(ctx, afterWelcome("en"), { text: "menu", media: [] });
  expect(events.length).toBeGreaterThan(0);
  // as the end of a journey leaves it: the optional question waiting on top
  const helpful = ctx.flows.get("helpful")!;
  const waiting: TurnState = {
    ...asked,
    session: {
      ...asked.session,
      stack: [{ flow: "helpful", node: "did_help", version: helpful.version }],
      waiting: true,
    },
  };
  const menuTap = await resume(ctx, waiting, { text: "Check my case", media: [], payload: "main_menu/menu/1/2" });
  expect(texts(menuTap.events)).toEqual([expect.stringMatching(/case number/i)]);
  const ownTap = await resume(ctx, waiting, {
    text: "No",
    media: [],
    payload: `helpful/did_help/${helpful.version}/2`,
  });
  // its own tap answers it: the flow goes on to store the answer (no database here, so that action fails)
  expect(ownTap.events).toContainEqual(
    expect.objectContaining({ type: "error", reason: expect.stringMatching(/^helpful\/save_answer: /) }),
  );
});
