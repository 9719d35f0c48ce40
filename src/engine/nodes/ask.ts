import { type Parsed, normalizedWords, normalizeReply, parseAnswer } from "../answers.ts";
import type { NodeOf } from "../schema.ts";
import { newSession } from "../session.ts";
import { type Step, Turn } from "../turn.ts";
import type { EngineContext, Input, Value } from "../types.ts";

const RLM = "\u200f";
const LRM = "\u200e";
const RTL_LETTER = /[\u0590-\u08ff]/u; // Hebrew, Arabic, Syriac, Thaana, N'Ko

/**
 * One numbered line of a menu. Phones lay out each line by its first strong letter, so a line whose label
 * is written right-to-left ("2. العربية" in the English language list) would put its number on the
 * other side. A direction mark first gives every line the direction of the person's language: the number
 * stays on the right in Arabic, Farsi, Pashto and Urdu, on the left elsewhere. Marks rather than isolates
 * (U+2066..2069): phones from before 2013, common on SMS, draw isolates as boxes. An LTR line with no RTL
 * letter gets no mark, which keeps English menus in the cheaper GSM-7 SMS alphabet.
 */
export function menuLine(n: number, label: string, rtl: boolean): string {
  const mark = rtl ? RLM : RTL_LETTER.test(label) ? LRM : "";
  return `${mark}${n}. ${label}`;
}

/** The question, and for a choice its numbered options, as one message (one SMS bill, not several). */
export function renderPrompt(node: NodeOf<"ask">, turn: Turn): string {
  const lines = [turn.nodeText(node.text, node.count)];
  if (node.answer.type === "choice") {
    const rtl = turn.ctx.texts.rtl(turn.language);
    node.answer.options
      .filter((o) => o.listed)
      .forEach((o, i) => {
        lines.push(menuLine(i + 1, turn.text(o.label), rtl));
      });
  }
  return lines.join("\n");
}

/** What a node without its own retry_text says first when it did not understand a reply. */
export const DEFAULT_RETRY = "engine.retry";

/**
 * After a reply it did not understand: sorry (the node's own words
 * or the engine's), then the question again, in one message.
 */
function renderRetry(node: NodeOf<"ask">, turn: Turn): string {
  return `${turn.text(node.retry_text ?? DEFAULT_RETRY)}\n${renderPrompt(node, turn)}`;
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
): { prompt: string; retry: string } {
  const turn = new Turn(ctx, { ...newSession(language), vars }, undefined);
  return { prompt: renderPrompt(node, turn), retry: renderRetry(node, turn) };
}

/** Entering an ask node: put the question and wait. */
export function runAsk(node: NodeOf<"ask">, turn: Turn): Step {
  turn.say(renderPrompt(node, turn));
  turn.session = { ...turn.session, waiting: true, retries: 0 };
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

/** Words for leaving a question ("back", Farsi "لغو" cancel), in the person's language and the default one. */
export const BACK_WORDS = "keywords.back";

function isBack(turn: Turn, text: string): boolean {
  const reply = normalizeReply(text);
  return reply !== "" && turn.wordLists(BACK_WORDS).some((list) => normalizedWords(list).includes(reply));
}

/**
 * Backing out of a question: its "no" where it has one (cancel an
 * erasure, refuse a guess), else where the person starts afresh.
 */
function goBack(node: NodeOf<"ask">, turn: Turn): Step {
  turn.session = { ...turn.session, waiting: false, retries: 0 };
  const no = node.answer.type === "choice" ? node.answer.options.find((o) => o.keywords === "keywords.no") : undefined;
  if (!no) return startAfresh(turn, turn.home());
  if (node.save_as) turn.setVars({ [node.save_as]: no.value });
  return { kind: "next", node: no.next ?? node.next };
}

/** The person answered the question this node asked. */
export function answerAsk(node: NodeOf<"ask">, turn: Turn): Step {
  const input = turn.input ?? { text: "", media: [] };
  turn.input = undefined; // consumed: later nodes in this turn must not read it as their answer
  if (node.redact) turn.events.push({ type: "input_redacted" });
  if (node.personal) turn.events.push({ type: "input_personal" });
  const parsed = parseReply(node, turn, input);
  // "cancel"/"back" leaves the question (a choice's own words win): never an answer typed into a text, never STOP
  if ((!parsed.ok || node.answer.type !== "choice") && isBack(turn, input.text)) return goBack(node, turn);
  if (parsed.ok) {
    turn.session = { ...turn.session, waiting: false, retries: 0 };
    if (node.save_as) turn.setVars({ [node.save_as]: parsed.value });
    return { kind: "next", node: parsed.next ?? node.next };
  }
  const retries = turn.session.retries + 1;
  if (retries > node.max_retries) {
    turn.session = { ...turn.session, waiting: false, retries: 0 };
    if (node.on_fail) return { kind: "next", node: node.on_fail };
    turn.say(turn.text("engine.gave_up"));
    return startAfresh(turn, turn.ctx.entry.menu);
  }
  turn.session = { ...turn.session, retries };
  turn.say(renderRetry(node, turn));
  return { kind: "wait" };
}

/** Leaving the journey for the menu (or the welcome): the flows that called this one are left too, or they would resume after it. */
function startAfresh(turn: Turn, flow: string): Step {
  turn.session = { ...turn.session, stack: [] };
  return { kind: "goto", flow };
}
