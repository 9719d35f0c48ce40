import type { z } from "zod";
import type { Keywords } from "./schema.ts";
import type { FlowNode } from "./schema.ts";
import type { Menu } from "./menu.ts";
export type { Choice, Menu } from "./menu.ts";
export type Value = string | number | boolean;
/** why a conversation goes to a person: they asked, the bot kept misunderstanding, or a risk was named */
export type HandoffReason = "asked" | "misunderstood" | "risk";

export interface Flow {
  id: string;
  version: number;
  start: string;
  nodes: ReadonlyMap<string, FlowNode>;
  /** where the flow was read from, for error messages */
  source: string;
}
export type Flows = ReadonlyMap<string, Flow>;

/** What the person sent, as the engine needs it (channels convert to this). */
export interface Input {
  text: string;
  media: { url: string; contentType: string }[];
  /** the person tapped a choice (a button, a list item) the engine offered: its Choice.payload */
  payload?: string;
  /** when the person sent it (the engine reads no clock); without it, now */
  receivedAt?: Date;
}

/** The engine reports what happened instead of doing I/O; the caller applies these in one transaction. */
export type EngineEvent =
  /** a message to the person; a question with choices carries them as data, its text is the question alone */
  | { type: "msg_created"; text: string; redact: boolean; menu?: Menu }
  | { type: "input_redacted" }
  /** the reply answered a `personal` question: retention empties it from the transcript with needs' text */
  | { type: "input_personal" }
  | { type: "language_changed"; language: string }
  | { type: "opted_out" }
  | { type: "opted_in" }
  /** the person was shown this version of the short privacy notice (kept on the contact with when) */
  | { type: "notice_shown"; version: number }
  /** the person answered "may we write to you first?" (news about their file, announcements) */
  | { type: "updates_consent"; consent: boolean }
  /** a person, not the bot, should answer from now on; urgent when the message carried protection-risk words */
  | { type: "handoff_requested"; urgent: boolean; reason: HandoffReason }
  /** the person confirmed they want their data erased: the turn's replies are the last they get */
  | { type: "erase_requested" }
  /** an action threw and the node routed its `error` outcome: the flow answered, staff may look at the logs */
  | { type: "action_failed"; reason: string }
  /** a failure no flow handled: the turn ended without an answer, the caller tells the person and hands over */
  | { type: "error"; reason: string };

/**
 * Where the person went in a turn, for the program's funnels (none of their words): a node reached (a question
 * put: `asked`), a reply understood or not (`answered`, `retried`, with the wait since the question for the first
 * reply to it), a handover asked at a node, an action's outcome. A record, not a command: nothing to apply.
 */
export type JourneyKind = "reached" | "asked" | "answered" | "retried" | "handoff" | "outcome";
export interface JourneyEvent {
  kind: JourneyKind;
  flow: string;
  node: string;
  /** an action's outcome (kind `outcome`) */
  outcome?: string;
  /** the first reply to a question: ms since it was put */
  waitedMs?: number;
}

/** All words the person reads come through here: i18next in production, the same in tests. */
export interface Texts {
  /** `variant`: a channel's shorter form of the text where one exists (ChannelProfile.textVariant) */
  t(language: string, key: string, vars: Record<string, Value>, variant?: string): string;
  /** a list of reply words (keywords) for the language, lower-cased */
  words(language: string, key: string): string[];
  rtl(language: string): boolean;
  /** every language with texts (for a new person's risk words); without it, the default language only */
  readonly languages?: readonly string[];
}

export interface ActionRequest<P = Record<string, Value>> {
  params: P;
  vars: Readonly<Record<string, Value>>;
  input: Input | undefined;
  /** media of the person's message in this turn, also once an ask took the message as its answer */
  media: Input["media"];
  /** the person's message in this turn named a protection risk; the turn ends with an urgent handover */
  risk: boolean;
  language: string;
}
export interface ActionResult<O extends string = string, S extends string = string> {
  outcome: O;
  /** stored as session variables, so later nodes and texts can use them (only those the action declares it sets) */
  values?: Partial<Record<S, Value>>;
  /** the action wants to change the conversation's language (e.g. detected or picked) */
  language?: string;
}
/**
 * What an action takes and gives, apart from what it does: flows are checked against it when they load
 * (param names, every outcome routed, every variable read set somewhere), never while a person waits.
 */
export interface ActionContract {
  /** the params a flow passes; "@name" values are read from the session before they are parsed */
  params: z.ZodObject;
  /** the outcomes it may return: an action node routes each of them (and may route `error`) */
  outcomes: readonly string[];
  /** the session variables it may set */
  sets: readonly string[];
}

/** A declared action; `Ctx` is what the caller binds it to (the domain's turn: its transaction, its person). */
export interface Action<Ctx = void> extends ActionContract {
  run(req: ActionRequest, ctx: Ctx): Promise<ActionResult>;
}

/** The actions flows may name, bound to the turn (the caller binds its own context into them). */
export type Actions = Readonly<Record<string, Action>>;

/** Flows the engine enters on its own (the keywords name theirs in flows/keywords.yaml). */
export interface EntryFlows {
  /** a new contact: their language, then what the line is */
  welcome: string;
  menu: string;
  /**
   * asked when a message only hints at danger ("are you in danger now?"); it ends releasing the held
   * message (a `release` node). Without it, hints are not looked for.
   */
  riskCheck?: string;
  /** a caseworker handed the conversation back to the bot (without it: the menu) */
  handedBack?: string;
  /** a caseworker closed the conversation (without it: nothing more is said) */
  closed?: string;
}

/**
 * The language a new person's message is written in, among those whose words it carries (the caller's
 * language detection: the engine stays free of it); undefined when that cannot be told.
 */
export type ChooseLanguage = (text: string, candidates: readonly string[]) => string | undefined;

export interface EngineContext {
  flows: Flows;
  texts: Texts;
  actions: Actions;
  entry: EntryFlows;
  /** words that work at any moment (STOP, HELP, MENU…) and what each does */
  keywords: Keywords;
  /** the channel's variant of the texts (ChannelProfile.textVariant); the engine knows no channel */
  textVariant?: string;
  defaultLanguage: string;
  /**
   * decides between languages when a new person's words (risk words,
   * a keyword) are in several lists; without it, none is chosen
   */
  chooseLanguage?: ChooseLanguage;
  /** the short privacy notice: shown in the welcome, and once more at the next message when its version changes */
  notice?: PrivacyNotice;
}

/** The current privacy notice: its version, and the values its texts name (who runs the line, retention). */
export interface PrivacyNotice {
  version: number;
  vars: { org: string; need_days?: number };
}
