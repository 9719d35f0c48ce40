import { parseAnswer } from "../answers.ts";
import type { NodeOf } from "../schema.ts";
import type { Step, Turn } from "../turn.ts";

// Right-to-left mark: keeps "1." before its label in Arabic, Farsi, Pashto and Urdu menus.
const RLM = "\u200f";

/** The question, and for a choice its numbered options, as one message (one SMS bill, not several). */
export function renderPrompt(node: NodeOf<"ask">, turn: Turn): string {
  const lines = [turn.text(node.text)];
  if (node.answer.type === "choice") {
    const mark = turn.ctx.texts.rtl(turn.language) ? RLM : "";
    node.answer.options.forEach((o, i) => lines.push(`${mark}${i + 1}. ${turn.text(o.label)}`));
  }
  return lines.join("\n");
}

/** Entering an ask node: put the question and wait. */
export function runAsk(node: NodeOf<"ask">, turn: Turn): Step {
  turn.say(renderPrompt(node, turn));
  turn.session = { ...turn.session, waiting: true, retries: 0 };
  return { kind: "wait" };
}

/** The person answered the question this node asked. */
export function answerAsk(node: NodeOf<"ask">, turn: Turn): Step {
  const input = turn.input ?? { text: "", media: [] };
  turn.input = undefined; // consumed: later nodes in this turn must not read it as their answer
  if (node.redact) turn.events.push({ type: "input_redacted" });
  const answer = node.answer;
  const parsed = parseAnswer(answer, input, {
    optionWords: (i) => {
      const option = answer.type === "choice" ? answer.options[i] : undefined;
      if (!option) return [];
      return [turn.text(option.label), ...(option.keywords ? turn.words(option.keywords) : [])];
    },
  });
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
    return { kind: "goto", flow: turn.ctx.entry.menu };
  }
  turn.session = { ...turn.session, retries };
  turn.say(`${turn.text(node.retry_text ?? "engine.retry")}\n${renderPrompt(node, turn)}`);
  return { kind: "wait" };
}
