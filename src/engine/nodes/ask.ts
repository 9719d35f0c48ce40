import { type Parsed, normalizeReply, parseAnswer } from "../answers.ts";
import { choicePayload } from "../choice-payload.ts";
import type { NodeOf } from "../schema.ts";
import { newState, type Step, Turn } from "../turn.ts";
import type { EngineContext, Input, Menu, Value } from "../types.ts";

/** A message as the engine emits it: its text, and for a question with choices the choices as data. */
export interface Prompt {
  text: string;
  menu?: Menu;
}

/** The words on the control that opens a list of choices. */
export const OPEN_CHOICES = "engine.choose";

/**
 * The question, and for a choice its listed options as data; each channel shows them its own way (SMS as
 * numbered lines under the question, in one message). A tap answers with the option's number.
 */
export function renderPrompt(node: NodeOf<"ask">, turn: Turn): Prompt {
  const text = turn.nodeText(node.text, node.count);
  if (node.answer.type !== "choice") return { text };
  // outside a conversation (measuring texts) the question stands alone: its own flow is unknown
  const at = turn.session.stack.at(-1) ?? { flow: "", node: node.id, version: 0 };
  const choices = node.answer.options
    .filter((o) => o.listed)
    .map((o, i) => ({ label: turn.text(o.label), payload: choicePayload(at, i + 1) }));
  const menu = {
    choices,
    language: turn.language,
    rtl: turn.ctx.texts.rtl(turn.language),
    open: turn.text(OPEN_CHOICES),
  };
  return { text, menu };
}

/** What a node without its own retry_text says first when it did not understand a reply. */
export const DEFAULT_RETRY = "engine.retry";

/**
 * After a reply it did not understand: sorry (the node's own words
 * or the engine's), then the question again, in one message.
 */
function renderRetry(node: NodeOf<"ask">, turn: Turn): Prompt {
  const prompt = renderPrompt(node, turn);
  return { ...prompt, text: `${turn.text(node.retry_text ?? DEFAULT_RETRY)}\n${prompt.text}` };
}

/**
 * The messages an ask node sends in a language, outside a
 * conversation (to measure their SMS cost, with `vars` filled in).
 */
export function askMessagesFor(
  ctx: EngineContext,
  language: string,
  node: NodeOf<"ask">,
  vars: Record<string, Value> = {},
): { prompt: Prompt; retry: Prompt } {
  const state = newState(language);
  const turn = new Turn(ctx, { ...state, session: { ...state.session, vars } }, undefined);
  return { prompt: renderPrompt(node, turn), retry: renderRetry(node, turn) };
}

/** Entering an ask node: put the question and wait. */
export function runAsk(node: NodeOf<"ask">, turn: Turn): Step {
  const prompt = renderPrompt(node, turn);
  turn.say(prompt.text, false, prompt.menu);
  turn.wait();
  return { kind: "wait" };
}

/** What a reply means as an answer to this node's question, in the person's language (and the default one). */
export function parseReply(node: NodeOf<"ask">, turn: Turn, input: Input): Parsed {
  return parseAnswer(node.answer, input, {
    label: (option) => turn.text(option.label),
    keywords: (option) => (option.keywords ? turn.wordLists(option.keywords) : []),
    numberWords: () => turn.wordLists("numbers.words"),
  });
}

/** Words for leaving a question ("back", Farsi "لغو" cancel; flows/keywords.yaml names them), in the person's language and the default one. */
function isBack(turn: Turn, text: string): boolean {
  const reply = normalizeReply(text);
  return reply !== "" && turn.saysWord(turn.ctx.keywords.back, reply);
}

/**
 * Backing out of a question: its "no" where it has one (cancel an
 * erasure, refuse a guess), else where the person starts afresh.
 */
function goBack(node: NodeOf<"ask">, turn: Turn): Step {
  turn.stopWaiting();
  const no = node.answer.type === "choice" ? node.answer.options.find((o) => o.keywords === "keywords.no") : undefined;
  if (!no) return startAfresh(turn, turn.home());
  if (node.save_as) turn.setVars({ [node.save_as]: no.value });
  return { kind: "next", node: no.next ?? node.next };
}

/** The person's message answers this question: marked as it says (a secret, their own words), once. */
export function markInput(node: NodeOf<"ask">, turn: Turn): void {
  if (turn.replaying) return;
  if (node.redact) turn.emit({ type: "input_redacted" });
  if (node.personal) turn.emit({ type: "input_personal" });
}

/** The person answered the question this node asked. */
export function answerAsk(node: NodeOf<"ask">, turn: Turn): Step {
  const input = turn.input ?? { text: "", media: [] };
  turn.input = undefined; // consumed: later nodes in this turn must not read it as their answer
  markInput(node, turn);
  const parsed = parseReply(node, turn, input);
  // "cancel"/"back" leaves the question (a choice's own words win): never an answer typed into a text, never STOP
  if ((!parsed.ok || node.answer.type !== "choice") && isBack(turn, input.text)) return goBack(node, turn);
  const waited = turn.replyWait;
  turn.passed(parsed.ok ? "answered" : "retried", waited === undefined ? {} : { waitedMs: waited });
  if (parsed.ok) {
    turn.stopWaiting();
    if (node.save_as) turn.setVars({ [node.save_as]: parsed.value });
    return { kind: "next", node: parsed.next ?? node.next };
  }
  if (turn.session.retries + 1 > node.max_retries) {
    turn.stopWaiting();
    if (node.on_fail) return { kind: "next", node: node.on_fail };
    turn.say(turn.text("engine.gave_up"));
    return startAfresh(turn, turn.ctx.entry.menu);
  }
  turn.retry();
  const retry = renderRetry(node, turn);
  turn.say(retry.text, false, retry.menu);
  return { kind: "wait" };
}

/** Leaving the journey for the menu (or the welcome): the flows that called this one are left too, or they would resume after it. */
function startAfresh(turn: Turn, flow: string): Step {
  turn.leaveFlows();
  return { kind: "goto", flow };
}
