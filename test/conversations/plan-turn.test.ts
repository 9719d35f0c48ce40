import { planTurn, type TurnAt, withReplies } from "../../src/conversations/plan-turn.ts";
import { type EngineEvent, newState } from "../../src/engine/index.ts";

// planTurn is pure: a turn's writes are read off the engine's events, no database needed.
const menu = { choices: [{ label: "Yes", payload: "f/n/1/1" }], language: "en", rtl: false, open: "Choose" };
const at = (over: Partial<TurnAt> = {}): TurnAt => ({
  contactId: 7,
  route: { channel: "whatsapp", to: "+3069000", from: "+15005550006" },
  message: { id: 41 },
  interactiveMenus: true,
  ...over,
});
const plan = (events: EngineEvent[], where = at()) => planTurn(where, { ...newState("en"), events, journey: [] });

test("a turn's replies, in order, answer its message; a question carries its choices where the channel shows them", () => {
  const { plan: p } = plan([
    { type: "msg_created", text: "Hello", redact: false },
    { type: "msg_created", text: "Is that right?", redact: false, menu },
  ]);
  expect(p.send).toEqual({
    route: at().route,
    inReplyToId: 41,
    replies: [
      { text: "Hello", redact: false },
      { text: "Is that right?\n1. Yes", redact: false, interactive: { text: "Is that right?", menu } },
    ],
  });
  expect(p.session).toEqual(newState("en").session);
  expect(p.answered).toEqual({ messageId: 41, redact: false, personal: false });
});

test("WHATSAPP_MENUS=numbered (or SMS): the numbered text alone, no choices as data in the outbox row", () => {
  const { plan: p } = plan(
    [{ type: "msg_created", text: "Is that right?", redact: false, menu }],
    at({ interactiveMenus: false }),
  );
  expect(p.send.replies).toEqual([{ text: "Is that right?\n1. Yes", redact: false }]);
});

test("marks, contact changes and a handover are read off the events", () => {
  const planned = plan([
    { type: "input_redacted" },
    { type: "input_personal" },
    { type: "language_changed", language: "ar" },
    { type: "opted_out" },
    { type: "notice_shown", version: 2 },
    { type: "updates_consent", consent: false },
    { type: "handoff_requested", urgent: true, reason: "risk" },
  ]);
  expect(planned.plan.answered).toMatchObject({ redact: true, personal: true });
  expect(planned.plan.contact).toEqual({ language: "ar", optedOut: true, noticeVersion: 2, updatesConsent: false });
  expect(planned.handoff).toEqual({ urgent: true, reason: "risk" });
  expect(planned.error).toBeUndefined();
});

test("an unhandled failure counts on the message with its reason, on one line, for staff", () => {
  const planned = plan([{ type: "error", reason: "case/check: boom\n  at somewhere" }]);
  expect(planned.error).toBe("case/check: boom\n  at somewhere");
  expect(planned.plan.answered?.failure).toEqual({ reason: "case/check: boom at somewhere", counted: true });
});

test("an erasure writes the farewell alone: no session, no mark on a message that goes with the person", () => {
  const planned = plan([{ type: "msg_created", text: "Goodbye", redact: false }, { type: "erase_requested" }]);
  expect(planned.erase).toBe(true);
  expect(planned.plan).toEqual({
    contactId: 7,
    send: { route: at().route, inReplyToId: 41, replies: [{ text: "Goodbye", redact: false }], farewell: true },
  });
});

test("the bot starting on its own answers no message; more replies join before and after the turn's own", () => {
  const { plan: p } = plan([{ type: "msg_created", text: "Menu", redact: false }], at({ message: undefined }));
  expect(p.answered).toBeUndefined();
  expect(p.send.inReplyToId).toBeUndefined();
  const more = withReplies(p, { before: [{ text: "Back with the bot", redact: false }], after: [] });
  expect(more.send.replies.map((r) => r.text)).toEqual(["Back with the bot", "Menu"]);
});
