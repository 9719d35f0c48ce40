import type { Action } from "./define-action.ts";
import type { FlowNode } from "./schema.ts";

export type Channel = "sms" | "whatsapp";
/** a stored channel name (the database keeps a string) as a Channel */
export const isChannel = (c: string): c is Channel => c === "sms" || c === "whatsapp";
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
  /** when the person sent it (the engine reads no clock); without it, now */
  receivedAt?: Date;
}

/** The engine reports what happened instead of doing I/O; the caller applies these in one transaction. */
export type EngineEvent =
  | { type: "msg_created"; text: string; redact: boolean }
  | { type: "input_redacted" }
  /** the reply answered a `personal` question: retention empties it from the transcript with needs' text */
  | { type: "input_personal" }
  | { type: "language_changed"; language: string }
  | { type: "opted_out" }
  | { type: "opted_in" }
  /** a person, not the bot, should answer from now on; urgent when the message carried protection-risk words */
  | { type: "handoff_requested"; urgent: boolean; reason: HandoffReason }
  /** the person confirmed they want their data erased: the turn's replies are the last they get */
  | { type: "erase_requested" }
  /** an action threw and the node routed its `error` outcome: the flow answered, staff may look at the logs */
  | { type: "action_failed"; reason: string }
  /** a failure no flow handled: the turn ended without an answer, the caller tells the person and hands over */
  | { type: "error"; reason: string };

/** All words the person reads come through here: i18next in production, the same in tests. */
export interface Texts {
  t(language: string, key: string, vars: Record<string, Value>, channel: Channel): string;
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
  channel: Channel;
}
export interface ActionResult<O extends string = string, S extends string = string> {
  outcome: O;
  /** stored as session variables, so later nodes and texts can use them (only those the action declares it sets) */
  values?: Partial<Record<S, Value>>;
  /** the action wants to change the conversation's language (e.g. detected or picked) */
  language?: string;
}
/** The actions flows may name, bound to the turn (the caller binds its own context into them). */
export type Actions = Readonly<Record<string, Action>>;

/** Flows the engine enters on its own: for a new contact, and for the global keywords. */
export interface EntryFlows {
  welcome: string;
  menu: string;
  language: string;
  help: string;
  /** the person asks to have their data erased (ERASE) */
  erase: string;
  /**
   * asked when a message only hints at danger ("are you in danger now?"); it ends releasing the held
   * message (a `release` node). Without it, hints are not looked for.
   */
  riskCheck?: string;
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
  channel: Channel;
  defaultLanguage: string;
  /**
   * decides between languages when a new person's words (risk words,
   * a keyword) are in several lists; without it, none is chosen
   */
  chooseLanguage?: ChooseLanguage;
}
