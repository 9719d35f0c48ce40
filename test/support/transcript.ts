import { numberedText } from "../../src/channels/numbered-menu.ts";
import { domainActions } from "../../src/domain/actions.ts";
import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { type Channel, textVariant } from "../../src/channels/profile.ts";
import {
  type EngineContext,
  type Flows,
  type HandoffReason,
  newSession,
  parseSession,
  resume,
  type Session,
} from "../../src/engine/index.ts";
import { ENTRY_FLOWS, loadFlows, loadKeywords } from "../../src/flows/load-flows.ts";
import { languageNames } from "../../src/i18n/language-names.ts";
import { riskLanguageChooser } from "../../src/i18n/risk-language.ts";
import { loadSecondVoice } from "../../src/i18n/second-voice.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";

type Step = { who: "user"; text: string } | { who: "bot"; match: RegExp | string };
export const user = (text: string): Step => ({ who: "user", text });
/** the bot's next message: a regular expression, or a string it must contain */
export const bot = (match: RegExp | string): Step => ({ who: "bot", match });
/** the engine handed the conversation to a person (a step of its own, in order with the messages) */
export const handoff = (reason: HandoffReason, urgent = false): Step => bot(handoffMark({ reason, urgent }));
const handoffMark = (e: { reason: HandoffReason; urgent: boolean }) =>
  `⟨handoff ${e.reason}${e.urgent ? " urgent" : ""}⟩`;

const texts = createTexts(readLocales("locales"), "en");
// as the server reads languages: names and the second voice
const detection = { names: languageNames(texts.languages, texts), secondVoice: await loadSecondVoice() };
// engine-only transcripts: domain actions that need the database are tested with live-transcript.ts
export const actions = domainActions({ texts, detection, areas: readAreas(areasFile("flows")), timeZone: "UTC" });
export const bundledFlows: Flows = loadFlows("flows", {
  actions: actions.contracts,
  hasText: (k) => texts.has("en", k),
});
export const bundledKeywords = loadKeywords("flows", bundledFlows, (k) => texts.has("en", k));

const chooseLanguage = riskLanguageChooser("en", detection);

export function engineContext(channel: Channel, flows: Flows = bundledFlows): EngineContext {
  return {
    flows,
    texts,
    actions: actions.bind(undefined as never),
    entry: ENTRY_FLOWS,
    keywords: bundledKeywords,
    textVariant: textVariant(channel),
    defaultLanguage: "en",
    chooseLanguage,
  };
}

/**
 * A conversation as the person lives it: their messages and the bot's answers, in order. The session
 * is serialised to JSON and read back between turns, as the database does.
 */
export function transcript(
  name: string,
  opts: { lang?: string; channel?: Channel; flows?: Flows },
  steps: Step[],
): void {
  test(name, async () => {
    const ctx = engineContext(opts.channel ?? "whatsapp", opts.flows);
    let stored = JSON.stringify(newSession(opts.lang ?? null));
    let pending: string[] = [];
    const said: string[] = [];
    for (const [i, step] of steps.entries()) {
      if (step.who === "user") {
        if (pending.length) throw new Error(`step ${i}: the bot also said, unchecked:\n${pending.join("\n---\n")}`);
        const parsed = parseSession(JSON.parse(stored));
        if (!parsed.ok) throw new Error(`session did not survive serialisation: ${parsed.reason}`);
        const result = await resume(ctx, parsed.session, { text: step.text, media: [] });
        const errors = result.events.filter((e) => e.type === "error");
        if (errors.length) throw new Error(`flow error: ${JSON.stringify(errors)}`);
        // as the person reads it on SMS (WhatsApp's numbered fallback): the question with numbered choices
        pending = result.events.flatMap((e) =>
          e.type === "msg_created" ? [numberedText(e)] : e.type === "handoff_requested" ? [handoffMark(e)] : [],
        );
        stored = JSON.stringify(result.session satisfies Session);
        said.push(`user: ${step.text}`);
      } else {
        const next = pending.shift();
        if (next === undefined)
          throw new Error(
            `step ${i}: expected the bot to say ${step.match}, it said nothing more.\n${said.join("\n")}`,
          );
        const ok = typeof step.match === "string" ? next.includes(step.match) : step.match.test(next);
        if (!ok) throw new Error(`step ${i}: expected ${step.match}, the bot said:\n${next}`);
        said.push(`bot: ${next}`);
      }
    }
    if (pending.length) throw new Error(`the bot also said, unchecked:\n${pending.join("\n---\n")}`);
  });
}
