import { normalizedWords, normalizeReply } from "./answers.ts";
import { readRisk, riskWordLists, riskWords } from "./risk-words.ts";
import { parsePayload } from "./choice-payload.ts";
import type { KeywordTrigger } from "./schema.ts";
import { answerAsk, markInput, parseReply, renderPrompt } from "./nodes/ask.ts";
import { enter } from "./nodes/index.ts";
import { noticeOwed, showNotice } from "./nodes/notice.ts";
import type { FlowNode, NodeOf } from "./schema.ts";
import { type Frame, type Held, withoutFlows } from "./session.ts";
import { type Step, Turn, type TurnResult, type TurnState } from "./turn.ts";
import type { EngineContext, Flow, Input } from "./types.ts";

/** A flow that loops without waiting for the person is a bug; stop it rather than spin. */
export const MAX_STEPS_PER_TURN = 100;

/** A person asked whether they are in danger is not asked again so soon, whatever they write: one question, not a pester. */
export const RISK_CHECK_QUIET_MS = 10 * 60_000;

/** The person sent a message: answer it from where the session stands. */
export async function resume(ctx: EngineContext, state: TurnState, input: Input): Promise<TurnResult> {
  if (input.payload !== undefined) {
    // a tap answers the question it was offered with, as typing its number does; a tap on an older
    // question's button (still on the person's screen) is no answer to the one open now
    const tap = tappedAnswer(ctx, state, input.payload);
    if (tap === undefined) return staleTap(ctx, state);
    input = { ...input, text: tap.answer };
    // the menu's tap while an optional question is open: read as if that question had not been asked
    if (tap.passesOver) state = { ...state, session: withoutFlows(state.session) };
  }
  const turn = new Turn(ctx, state, input);
  await respond(turn, input);
  await readReleased(turn);
  return turn.result();
}

/** Start a flow for the person without a message from them (e.g. a caseworker hands the chat back). */
export async function startFlow(ctx: EngineContext, state: TurnState, flowId: string): Promise<TurnResult> {
  const turn = new Turn(ctx, state, undefined);
  await begin(turn, flowId);
  return turn.result();
}

async function respond(turn: Turn, input: Input): Promise<void> {
  // before STOP's silence too: someone naming a danger wrote to a help line and gets the emergency contacts
  const found = readDanger(turn, input.text);
  // named while asked whether they are in danger: the message held for the question is the one kept
  if (found?.risk) return escalate(turn, turn.popHeld(), found.language);
  const keyword = globalKeyword(turn, input.text);
  const trigger = keyword?.trigger;
  // a new person asking for a person, to stop or to erase, in a word of their language, is answered in it
  // (and staff see it), as a risk is: HELP and "مساعدة" lead to the same person
  if (keyword && !turn.person.language && keyword.trigger.answer_in_its_language) {
    const language = oneLanguage(turn, input.text, keyword.languages);
    if (language) turn.setLanguage(language);
  }
  if (turn.person.optedOut) {
    // after STOP the help line stays silent until the person comes back with START, except for what the
    // keywords file hears after STOP (erasure) and the answers to the flow it started
    if (trigger?.action === "opt_in") welcomeBack(turn);
    if (trigger?.action === "opt_in" || trigger?.heard_after_stop) return fire(turn, trigger);
    if (trigger !== undefined || !startedHeardAfterStop(turn)) return;
  }
  const { riskCheck } = turn.ctx.entry;
  const asksDanger = !trigger && found && riskCheck && mayAsk(turn, input);
  // a notice the person has not seen (its version changed) comes once, before the answer: not before the
  // danger question, nor to someone stopping or erasing
  if (!asksDanger && trigger?.action !== "opt_out" && !trigger?.heard_after_stop && noticeOwed(turn)) showNotice(turn);
  if (trigger) return fire(turn, trigger);
  if (asksDanger) return askIfInDanger(turn, riskCheck, found.language);
  return answer(turn, input);
}

/** The message as an answer to where the conversation stands: the question asked, or the menu. */
async function answer(turn: Turn, input: Input): Promise<void> {
  const frame = turn.session.stack.at(-1);
  const flow = frame && turn.ctx.flows.get(frame.flow);
  if (!frame || !flow) return afterJourney(turn, input);
  if (flow.version !== frame.version) {
    turn.say(turn.text("engine.flow_updated"));
    return begin(turn, flow.id);
  }
  const node = flow.nodes.get(frame.node);
  if (!turn.session.waiting || node?.type !== "ask") return begin(turn, turn.ctx.entry.menu);
  if (passesOver(node, turn, input)) {
    // as if the question had not been asked: the journey had ended, so the menu reads the message
    turn.leaveFlows();
    return afterJourney(turn, input);
  }
  return guarded(turn, () => follow(turn, answerAsk(node, turn)));
}

/**
 * An optional question ("Did this help?") takes only its own answers; anything else goes on as it would have
 * without it. Its free text never takes what the menu would (a menu's number is a choice, not an answer).
 */
function passesOver(node: NodeOf<"ask">, turn: Turn, input: Input): boolean {
  if (!node.optional) return false;
  if (!parseReply(node, turn, input).ok) return true;
  return node.answer.type === "text" && menuQuestion(turn, input) !== undefined;
}

/**
 * A named risk: the emergency contacts, then an urgent handover. A new person is answered in the language
 * their words were found in (none found: the default, with none set; the welcome asks them later).
 */
async function escalate(turn: Turn, held: Held | undefined, language: string | undefined): Promise<void> {
  const found = language ?? held?.language;
  if (!turn.person.language && found) turn.setLanguage(found);
  turn.risk = true;
  turn.say(turn.text("risk.emergency"));
  // the held message was marked in its own turn; this one only answered "are you in danger?"
  if (held) {
    turn.input = held.input;
    turn.replaying = true;
  }
  // a question that keeps a risky reply (a need's description) still takes it: the need is saved and its
  // reference given, so what the person told us reaches the caseworker instead of being dropped
  const asked = waitingAsk(turn);
  if (asked?.on_risk === "answer") await guarded(turn, () => follow(turn, answerAsk(asked, turn)));
  turn.leaveFlows();
  turn.emit({ type: "handoff_requested", urgent: true, reason: "risk" });
}

/**
 * A message that only hints at danger is held, and the person asked whether they are in danger; the
 * question's frame carries the message and where the conversation stood, for its answer to release.
 */
function askIfInDanger(turn: Turn, flow: string, language: string | undefined): Promise<void> {
  const { waiting, retries } = turn.session;
  const input = turn.input ?? { text: "", media: [] };
  turn.input = undefined;
  // marked now, in its own turn, as an answer to the question it came after would be (a PIN, a need's words)
  const asked = waitingAsk(turn);
  if (asked) markInput(asked, turn);
  const held: Held = {
    input: { text: input.text, media: input.media },
    waiting,
    retries,
    ...(!turn.person.language && language ? { language } : {}),
  };
  turn.riskAsked(receivedAt(input));
  return guarded(turn, () => follow(turn, { kind: "call", flow, held }));
}

/**
 * Not asked again soon after (whatever the answer), nor inside the question itself; not when the message
 * answers a question that takes no free text (a menu's option is a choice, not a disclosure).
 */
function mayAsk(turn: Turn, input: Input): boolean {
  const { riskAskedAt, stack } = turn.session;
  // after STOP only the erasure question is answered: the danger question is not put to someone who left
  if (turn.person.optedOut) return false;
  if (riskAskedAt !== undefined && receivedAt(input) - riskAskedAt < RISK_CHECK_QUIET_MS) return false;
  if (stack.some((f) => f.held)) return false;
  const asked = waitingAsk(turn);
  return !asked || asked.answer.type === "text" || !parseReply(asked, turn, input).ok;
}

function receivedAt(input: Input): number {
  return (input.receivedAt ?? new Date()).getTime();
}

/** The danger question was answered this turn: its held message is read now, as a risk or as it would have been. */
async function readReleased(turn: Turn): Promise<void> {
  const released = turn.released;
  if (!released) return;
  turn.released = undefined;
  if (released.risk) return escalate(turn, released.held, undefined);
  turn.input = released.held.input;
  turn.replaying = true;
  return answer(turn, released.held.input);
}

/**
 * Whether the message names a risk or only hints at one, and in which language to answer: the person's
 * own (their list and the default's), or for a new person the language of the one list it matches (every
 * language's everyday phrases count: "exploitation agricole" is no risk in the English list either); when
 * several match (en and fr share "violence", fa, ps and ur "خودکشی"), the language the message is written
 * in, which may be unknown. Not the first list in some order: the person must read the answer.
 */
function readDanger(turn: Turn, text: string): { risk: boolean; language: string | undefined } | undefined {
  const { texts, defaultLanguage } = turn.ctx;
  const own = turn.person.language;
  if (own) {
    const reading = readRisk(text, riskWordLists(texts, own, defaultLanguage));
    if (reading.risk.length > 0) return { risk: true, language: own };
    return reading.hint.length > 0 ? { risk: false, language: own } : undefined;
  }
  const languages = allLanguages(turn);
  const reading = readRisk(
    text,
    languages.map((l) => riskWords(texts, l)),
  );
  const risk = reading.risk.length > 0;
  const matched = (risk ? reading.risk : reading.hint).map((i) => languages[i]!);
  if (matched.length === 0) return undefined;
  return { risk, language: oneLanguage(turn, text, matched) };
}

/** The question the person is answering, if the session waits on one of a flow still the same version. */
function waitingAsk(turn: Turn): NodeOf<"ask"> | undefined {
  const frame = turn.session.stack.at(-1);
  const flow = frame && turn.ctx.flows.get(frame.flow);
  if (!turn.session.waiting || turn.person.optedOut || !flow || flow.version !== frame.version) return undefined;
  const node = flow.nodes.get(frame.node);
  return node?.type === "ask" ? node : undefined;
}

/** Every locale: a new person's words are looked for in all of them, not in the default language alone. */
function allLanguages(turn: Turn): readonly string[] {
  return turn.ctx.texts.languages ?? [turn.ctx.defaultLanguage];
}

/**
 * The language of a new person's message among those whose word lists it matched; undefined when that cannot be told.
 */
function oneLanguage(turn: Turn, text: string, matched: readonly string[]): string | undefined {
  return matched.length === 1 ? matched[0] : turn.ctx.chooseLanguage?.(text, matched);
}

/** What a keyword does. */
function fire(turn: Turn, trigger: KeywordTrigger): Promise<void> | undefined {
  if (trigger.flow !== undefined) return begin(turn, trigger.flow);
  switch (trigger.action) {
    case "opt_out":
      turn.optOut();
      turn.say(turn.text("engine.opted_out"));
      return undefined;
    case "opt_in":
    case "home":
    case undefined:
      return begin(turn, turn.home());
  }
}

/** The person is in a flow a keyword heard after STOP started (erasure's question): their answer is heard. */
function startedHeardAfterStop(turn: Turn): boolean {
  const flow = turn.session.stack.at(-1)?.flow;
  return flow !== undefined && turn.ctx.keywords.triggers.some((t) => t.heard_after_stop && t.flow === flow);
}

/**
 * The keyword honoured even while a caseworker answers (the bot otherwise silent): STOP, and START from
 * someone opted out, so the conversation is never open with a person who stays unsubscribed.
 */
export function keywordWhileHandedOver(
  ctx: EngineContext,
  state: TurnState,
  text: string,
): "opt_out" | "opt_in" | undefined {
  const action = globalKeyword(new Turn(ctx, state, undefined), text)?.trigger.action;
  return action === "opt_out" || (action === "opt_in" && state.person.optedOut) ? action : undefined;
}

/** START while a caseworker answers: opted in and told so; the caseworker, not the menu, answers next. */
export function optIn(ctx: EngineContext, state: TurnState): TurnResult {
  const turn = new Turn(ctx, state, undefined);
  welcomeBack(turn);
  return turn.result();
}

function welcomeBack(turn: Turn): void {
  turn.optIn();
  turn.say(turn.text("engine.opted_in"));
}

/**
 * The keyword the message is, in the person's language or the default one; for a new person, whose
 * language is not known yet, in any locale ("مساعدة" is HELP before anyone chose Arabic), with the
 * languages whose list has it. Keywords are unambiguous words (tests keep them apart from every reply word).
 */
function globalKeyword(turn: Turn, text: string): { trigger: KeywordTrigger; languages: string[] } | undefined {
  const reply = normalizeReply(text);
  if (!reply) return undefined;
  const own = turn.person.language;
  for (const trigger of turn.ctx.keywords.triggers) {
    if (own) {
      if (turn.saysWord(trigger.words, reply)) return { trigger, languages: [own] };
      continue;
    }
    // a plain loop: a new person's message is looked for in every keyword of every language
    let languages: string[] | undefined;
    for (const language of allLanguages(turn))
      if (normalizedWords(turn.ctx.texts.words(language, trigger.words)).includes(reply))
        (languages ??= []).push(language);
    if (languages) return { trigger, languages };
  }
  return undefined;
}

/**
 * The number a tapped choice stands for, when it belongs to the question open now; also to the menu's
 * question once a journey ended (a reply to the menu answers it then, see afterJourney), and while an optional
 * question is open after it (`passesOver`: the menu's tap leaves that question). Undefined: stale.
 */
function tappedAnswer(
  ctx: EngineContext,
  state: TurnState,
  payload: string,
): { answer: string; passesOver: boolean } | undefined {
  const tap = parsePayload(payload);
  if (!tap || state.person.optedOut) return undefined;
  const offered = (f: Frame | undefined) => f?.flow === tap.flow && f.node === tap.node && f.version === tap.version;
  const answer = String(tap.number);
  if (offered(openQuestion(ctx, state))) return { answer, passesOver: false };
  const left = withoutFlows(state.session);
  const optional = waitingAsk(new Turn(ctx, state, undefined))?.optional === true;
  return optional && offered(openQuestion(ctx, { ...state, session: left })) ? { answer, passesOver: true } : undefined;
}

/** Where the question a reply answers now stands: the one waiting, or after a journey the menu's. */
function openQuestion(ctx: EngineContext, { session, person }: TurnState): Frame | undefined {
  const frame = session.stack.at(-1);
  if (frame) return session.waiting ? frame : undefined;
  const menu = person.language ? ctx.flows.get(ctx.entry.menu) : undefined;
  return menu && { flow: menu.id, node: menu.start, version: menu.version };
}

/**
 * A tap on a choice of an earlier question: said kindly, then the question open now again (or, with none
 * open, where the person starts afresh). Nothing is answered; after STOP the line stays silent.
 */
async function staleTap(ctx: EngineContext, state: TurnState): Promise<TurnResult> {
  const turn = new Turn(ctx, state, undefined);
  if (state.person.optedOut) return turn.result();
  const asked = waitingAsk(turn);
  if (asked) {
    // one message, as a retry is: the sorry, then the question with its choices
    const prompt = renderPrompt(asked, turn);
    turn.say(`${turn.text("engine.old_choice")}\n${prompt.text}`, false, prompt.menu);
  } else {
    turn.say(turn.text("engine.old_choice"));
    await begin(turn, turn.home());
  }
  return turn.result();
}

/**
 * No journey is running: the last one ended offering the menu ("send MENU to go back"), so a reply that
 * picks one of the menu's options (its number or its words) answers the menu; anything else brings it.
 */
async function afterJourney(turn: Turn, input: Input): Promise<void> {
  const picked = menuQuestion(turn, input);
  if (!picked) return begin(turn, turn.home());
  const { menu, question } = picked;
  turn.reopen({ flow: menu.id, node: question.id, version: menu.version });
  return guarded(turn, () => follow(turn, answerAsk(question, turn)));
}

/** The menu's question, when the message picks one of its options (for a person whose language is known). */
function menuQuestion(turn: Turn, input: Input): { menu: Flow; question: NodeOf<"ask"> } | undefined {
  const menu = turn.person.language ? flowOf(turn, turn.ctx.entry.menu) : undefined;
  const question = menu?.nodes.get(menu.start);
  if (!menu || question?.type !== "ask" || !parseReply(question, turn, input).ok) return undefined;
  return { menu, question };
}

async function begin(turn: Turn, flowId: string): Promise<void> {
  turn.leaveFlows();
  await guarded(turn, () => follow(turn, { kind: "goto", flow: flowId }));
}

/**
 * A failing action no flow handles (or a broken flow) ends the journey with an `error` event: the caller
 * answers the person (a person will read their message) and hands the conversation to staff, rather than
 * the person being sent to the menu as if nothing had happened.
 */
async function guarded(turn: Turn, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const where = turn.session.stack.at(-1);
    const reason = `${where ? `${where.flow}/${where.node}: ` : ""}${error instanceof Error ? error.message : String(error)}`;
    turn.emit({ type: "error", reason });
    turn.leaveFlows();
  }
}

function flowOf(turn: Turn, id: string): Flow {
  const flow = turn.ctx.flows.get(id);
  if (!flow) throw new Error(`no flow "${id}"`);
  return flow;
}

/** Apply a step, then keep entering nodes until one waits for the person or the flow ends. */
async function follow(turn: Turn, first: Step): Promise<void> {
  let step: Step = first;
  for (let count = 0; ; count++) {
    if (count > MAX_STEPS_PER_TURN)
      throw new Error(`more than ${MAX_STEPS_PER_TURN} steps without waiting for a reply`);
    const node = moveTo(turn, step);
    if (!node) return;
    turn.passed(node.type === "ask" ? "asked" : "reached");
    step = await enter(node, turn);
  }
}

/** Changes the stack as the step says and returns the node to enter, or undefined when the turn is over. */
function moveTo(turn: Turn, step: Step): FlowNode | undefined {
  const top = turn.session.stack.at(-1);
  switch (step.kind) {
    case "wait":
      return undefined;
    case "end":
      turn.leaveFlows();
      return undefined;
    case "goto":
    case "call": {
      const flow = flowOf(turn, step.flow);
      const frame = {
        flow: flow.id,
        node: step.node ?? flow.start,
        version: flow.version,
        ...(step.kind === "call" && step.held ? { held: step.held } : {}),
      };
      turn.enterFrame(frame, step.kind === "goto");
      return nodeOf(flow, frame.node);
    }
    case "release": {
      const held = turn.popHeld();
      if (!held) throw new Error("a release with no message held");
      turn.released = { held, risk: step.risk };
      return undefined;
    }
    case "next": {
      if (!top) return undefined;
      if (step.node !== undefined) {
        turn.goToNode(step.node);
        return nodeOf(flowOf(turn, top.flow), step.node);
      }
      // this flow is done: return to the subflow node that called it, or end
      const caller = turn.popFrame();
      if (!caller) return undefined;
      const callNode = nodeOf(flowOf(turn, caller.flow), caller.node);
      return moveTo(turn, { kind: "next", node: callNode.type === "subflow" ? callNode.next : undefined });
    }
  }
}

function nodeOf(flow: Flow, id: string): FlowNode {
  const node = flow.nodes.get(id);
  if (!node) throw new Error(`flow "${flow.id}" has no node "${id}"`);
  return node;
}
