import { numberedText } from "../../src/channels/numbered-menu.ts";
import { domainActions } from "../../src/domain/actions.ts";
import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { type Channel, textVariant } from "../../src/channels/profile.ts";
import {
  type EngineContext,
  type EngineEvent,
  type Flows,
  type HandoffReason,
  newSession,
  newState,
  type Person,
  type PrivacyNotice,
  parseSession,
  resume,
  type Session,
  type TurnState,
} from "../../src/engine/index.ts";
import { ENTRY_FLOWS, loadFlows, loadKeywords } from "../../src/flows/load-flows.ts";
import { languageNames } from "../../src/i18n/language-names.ts";
import { riskLanguageChooser } from "../../src/i18n/risk-language.ts";
import { loadSecondVoice } from "../../src/i18n/second-voice.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";

/** Every event but a message (a bot step) and a flow error (which fails the transcript at once). */
type Checked = Exclude<EngineEvent, { type: "msg_created" | "error" }>;
/** An event as a test states it: its type, and those of its fields the test cares about. */
type Stated = {
  [T in Checked["type"]]: { type: T } & Partial<Omit<Extract<Checked, { type: T }>, "type">>;
}[Checked["type"]];

type Step = { who: "user"; text: string } | { who: "bot"; match: RegExp | string } | { who: "event"; event: Stated };
export const user = (text: string): Step => ({ who: "user", text });
/** the bot's next message: a regular expression, or a string it must contain */
export const bot = (match: RegExp | string): Step => ({ who: "bot", match });
/**
 * An event the engine emits in the turn of the user step before it, besides its messages (in any order
 * with them). Every event must be stated: one the test does not expect fails it.
 */
export const event = (e: Stated): Step => ({ who: "event", event: e });
/** the conversation's language is now this one */
export const languageSet = (language: string): Step => event({ type: "language_changed", language });
/** the engine handed the conversation to a person */
export const handoff = (reason: HandoffReason, urgent = false): Step =>
  event({ type: "handoff_requested", reason, urgent });

const shown = (e: Checked) => JSON.stringify(e);
const matches = (e: Checked, stated: Stated) => Object.entries(stated).every(([k, v]) => Reflect.get(e, k) === v);

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

/** the privacy notice as the server configures it (ORG_NAME, PRIVACY_NOTICE_VERSION, no needs' retention) */
export const NOTICE: PrivacyNotice = { version: 1, vars: { org: "Haven" } };

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
    notice: NOTICE,
  };
}

/**
 * A conversation as the person lives it: their messages and the bot's answers, in order. The session
 * is serialised to JSON and read back between turns, as the database does; the person's language and
 * opt-out are carried as the contact row carries them.
 */
export function transcript(
  name: string,
  opts: { lang?: string; channel?: Channel; flows?: Flows; noticeSeen?: number },
  steps: Step[],
): void {
  test(name, async () => {
    const ctx = engineContext(opts.channel ?? "whatsapp", opts.flows);
    const start = opts.lang ? afterWelcome(opts.lang, opts.noticeSeen) : newState(null);
    let stored = JSON.stringify(start.session);
    let person: Person = start.person;
    let pending: string[] = [];
    let events: Checked[] = [];
    const said: string[] = [];
    const unchecked = (where: string) => {
      if (pending.length) throw new Error(`${where}the bot also said, unchecked:\n${pending.join("\n---\n")}`);
      if (events.length)
        throw new Error(
          `${where}the engine also emitted, unchecked (state them with event()):\n${events.map(shown).join("\n")}`,
        );
    };
    for (const [i, step] of steps.entries()) {
      if (step.who === "user") {
        unchecked(`step ${i}: `);
        const parsed = parseSession(JSON.parse(stored));
        if (!parsed.ok) throw new Error(`session did not survive serialisation: ${parsed.reason}`);
        const result = await resume(ctx, { session: parsed.session, person }, { text: step.text, media: [] });
        const errors = result.events.filter((e) => e.type === "error");
        if (errors.length) throw new Error(`flow error: ${JSON.stringify(errors)}`);
        // as the person reads it on SMS (WhatsApp's numbered fallback): the question with numbered choices
        pending = result.events.flatMap((e) => (e.type === "msg_created" ? [numberedText(e)] : []));
        events = result.events.filter((e): e is Checked => e.type !== "msg_created" && e.type !== "error");
        stored = JSON.stringify(result.session satisfies Session);
        person = result.person;
        said.push(`user: ${step.text}`);
      } else if (step.who === "event") {
        const at = events.findIndex((e) => matches(e, step.event));
        if (at < 0)
          throw new Error(
            `step ${i}: expected the event ${JSON.stringify(step.event)}; the turn's events left: ${events.map(shown).join(", ") || "none"}\n${said.join("\n")}`,
          );
        said.push(`event: ${shown(events.splice(at, 1)[0]!)}`);
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
    unchecked("");
  });
}

/**
 * A person who chose their language in their welcome, where they were shown the privacy notice: its current
 * version unless `noticeSeen` says which they saw (an older one: the new notice comes at their next message).
 */
export function afterWelcome(language: string, noticeSeen = NOTICE.version): TurnState {
  return { session: { ...newSession(), noticeSeen }, person: { language, optedOut: false } };
}

/** the short privacy notice in this language, recorded as seen (its version) */
export const noticeShown = (language: string): Step[] => [
  bot(texts.t(language, "privacy.notice", { org: NOTICE.vars.org })),
  event({ type: "notice_shown", version: NOTICE.version }),
];
/** a new person's welcome ends with the notice and "may we write to you first?", asked once */
export const welcomeEnd = (language: string): Step[] => [
  ...noticeShown(language),
  bot(texts.t(language, "updates.ask", {})),
];
/** the answer to "may we write to you first?", recorded */
export const updatesAnswered = (language: string, consent: boolean): Step[] => [
  event({ type: "updates_consent", consent }),
  bot(texts.t(language, consent ? "updates.saved_yes" : "updates.saved_no", {})),
];
