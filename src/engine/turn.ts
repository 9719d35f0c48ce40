import { normalizedWords } from "./answers.ts";
import { type Frame, type Held, newSession, type Session, withoutFlows } from "./session.ts";
import type { EngineContext, EngineEvent, Input, JourneyEvent, JourneyKind, Menu, Texts, Value } from "./types.ts";

/** What a node handler asks the interpreter to do next. */
export type Step =
  | { kind: "next"; node: string | undefined } // undefined: this flow is done, return to the caller
  | { kind: "wait" } // an ask node waits for the person
  | { kind: "goto"; flow: string; node?: string }
  | { kind: "call"; flow: string; node?: string; held?: Held } // a subflow; the caller resumes at this node's `next`
  | { kind: "release"; risk: boolean } // the danger question is answered: its held message is read now
  | { kind: "end" }; // the whole conversation flow is over

/** What the engine reads of the contact: the contact's row keeps it, and only this turn's events change it. */
export interface Person {
  language: string | null;
  optedOut: boolean;
}

/** Where a conversation stands before a turn: the stored session and the contact's part. */
export interface TurnState {
  session: Session;
  person: Person;
}

/** A turn's outcome: the state after it (the next turn's input), the events the caller applies, where the person went. */
export interface TurnResult extends TurnState {
  events: EngineEvent[];
  journey: JourneyEvent[];
}

/** A new person, or one whose stored session could not be read: no flow running. */
export function newState(language: string | null = null, optedOut = false): TurnState {
  return { session: newSession(), person: { language, optedOut } };
}

/** Events that record a change of the person's state come from the method that makes the change. */
type PlainEvent = Exclude<
  EngineEvent,
  { type: "msg_created" | "language_changed" | "opted_out" | "opted_in" | "notice_shown" }
>;

/** The session as node handlers read it: they change it through the turn's methods only. */
export type SessionView = Readonly<Omit<Session, "stack" | "vars">> & {
  readonly stack: readonly Readonly<Frame>[];
  readonly vars: Readonly<Session["vars"]>;
};

/**
 * One turn of the conversation. The session and the person change only through its methods, each of
 * which records its event with the change (goflow's modifiers): nobody edits them by hand, and the events
 * are the turn's own until `result()`.
 */
export class Turn {
  readonly #events: EngineEvent[] = [];
  readonly #journey: JourneyEvent[] = [];
  #at: { flow: string; node: string } | undefined;
  #session: Session;
  #person: Person;
  /** the media of the person's message; unlike `input` it is not consumed by the ask it answers */
  readonly media: Input["media"];
  /** the person's message named a protection risk (actions record it: a need saved from it is marked) */
  risk = false;
  /** the danger question was answered this turn: its held message, to read as a risk or as it would have been */
  released: { held: Held; risk: boolean } | undefined;
  /** the input is a held message read again: it was marked (redacted, personal) in its own turn already */
  replaying = false;
  /** the turn's time (ms since 1970): the message's, else the clock's (a turn the bot starts) */
  readonly now: number;
  constructor(
    readonly ctx: EngineContext,
    state: TurnState,
    /** the person's message; only the node that waited for it (or the first node of a trigger) sees it */
    public input: Input | undefined,
  ) {
    this.#session = state.session;
    this.#person = state.person;
    this.media = input?.media ?? [];
    this.now = (input?.receivedAt ?? new Date()).getTime();
    const top = state.session.stack.at(-1);
    this.#at = top && { flow: top.flow, node: top.node };
  }

  get session(): SessionView {
    return this.#session;
  }

  get person(): Readonly<Person> {
    return this.#person;
  }

  result(): TurnResult {
    return { session: this.#session, person: this.#person, events: [...this.#events], journey: [...this.#journey] };
  }

  /** the person's; for a new person asked whether they are in danger, the language their words were found in */
  get language(): string {
    return this.#person.language ?? this.#session.stack.at(-1)?.held?.language ?? this.ctx.defaultLanguage;
  }

  text(key: string, extra: Record<string, Value> = {}): string {
    return this.ctx.texts.t(this.language, key, { ...this.#session.vars, ...extra }, this.ctx.textVariant);
  }

  /** A node's text, in the plural form its `count` variable calls for when it names one. */
  nodeText(key: string, count: string | undefined): string {
    return this.text(key, count === undefined ? {} : { count: Number(this.#session.vars[count] ?? 0) });
  }

  /**
   * The same list in the person's language and in the default
   * language, kept apart (order matters): "MENU" works everywhere.
   */
  wordLists(key: string): string[][] {
    return wordLists(this.ctx.texts, this.language, this.ctx.defaultLanguage, key);
  }

  /** The normalised reply is one of these words (the list `key`), in the person's language or the default one. */
  saysWord(key: string, reply: string): boolean {
    return this.wordLists(key).some((list) => normalizedWords(list).includes(reply));
  }

  /**
   * Where someone starts afresh: the menu, or for a new person the
   * welcome (their language, then what the line is and is not).
   */
  home(): string {
    return this.#person.language ? this.ctx.entry.menu : this.ctx.entry.welcome;
  }

  say(text: string, redact = false, menu?: Menu): void {
    this.#events.push(menu ? { type: "msg_created", text, redact, menu } : { type: "msg_created", text, redact });
  }

  /** An event that changes no state of the turn's (a handover, a mark on the input, a failure). */
  emit(event: PlainEvent): void {
    this.#events.push(event);
    // a handover is counted where the person stood when it was asked
    if (event.type === "handoff_requested") this.passed("handoff");
  }

  /**
   * The person passed the node on top of the stack, kept for the funnels; with no flow left (a risk's
   * handover), the last node the turn stood at.
   */
  passed(kind: JourneyKind, extra: Pick<JourneyEvent, "outcome" | "waitedMs"> = {}): void {
    const top = this.#session.stack.at(-1);
    if (top) this.#at = { flow: top.flow, node: top.node };
    if (this.#at) this.#journey.push({ kind, ...this.#at, ...extra });
  }

  setLanguage(language: string): void {
    if (this.#person.language === language) return;
    this.#person = { ...this.#person, language };
    this.#events.push({ type: "language_changed", language });
  }

  /** STOP: out of every flow, and silent until START. */
  optOut(): void {
    this.leaveFlows();
    this.#person = { ...this.#person, optedOut: true };
    this.#events.push({ type: "opted_out" });
  }

  optIn(): void {
    this.#person = { ...this.#person, optedOut: false };
    this.#events.push({ type: "opted_in" });
  }

  /** The person was shown this version of the privacy notice. */
  noticeShown(version: number): void {
    this.#session = { ...this.#session, noticeSeen: version };
    this.#events.push({ type: "notice_shown", version });
  }

  setVars(values: Record<string, Value>): void {
    this.#session = { ...this.#session, vars: { ...this.#session.vars, ...values } };
  }

  /** The person was asked whether they are in danger (ms since 1970): not asked again soon after. */
  riskAsked(at: number): void {
    this.#session = { ...this.#session, riskAskedAt: at };
  }

  /** No flow running: the next message starts afresh. */
  leaveFlows(): void {
    this.#session = withoutFlows(this.#session);
  }

  /** An ask node put its question: the next message answers it. */
  wait(): void {
    this.#session = { ...this.#session, waiting: true, retries: 0, askedAt: this.now };
  }

  /** How long the person took to reply to the question, when this is the first reply to it (a replayed one is not). */
  get replyWait(): number | undefined {
    const { retries, askedAt } = this.#session;
    return retries === 0 && askedAt !== undefined && !this.replaying ? Math.max(0, this.now - askedAt) : undefined;
  }

  /** The question was answered, backed out of or given up on. */
  stopWaiting(): void {
    this.#session = { ...this.#session, waiting: false, retries: 0 };
  }

  /** The reply did not answer the question: one retry more. */
  retry(): void {
    this.#session = { ...this.#session, retries: this.#session.retries + 1 };
  }

  /** A flow's question stands open alone again (the menu's, answered after a journey ended). */
  reopen(frame: Frame): void {
    const { askedAt: _notAsked, ...session } = this.#session; // offered by the end of a journey, never put as a question
    this.#session = { ...session, stack: [frame], waiting: true, retries: 0 };
  }

  /** Into a flow: called (on top of the stack) or gone to (in place of the top). */
  enterFrame(frame: Frame, replaceTop: boolean): void {
    const stack = replaceTop ? this.#session.stack.slice(0, -1) : [...this.#session.stack];
    this.#session = { ...this.#session, stack: [...stack, frame], waiting: false };
  }

  /** To another node of the flow on top. */
  goToNode(node: string): void {
    const stack = [...this.#session.stack];
    const top = stack.pop();
    if (top) this.#session = { ...this.#session, stack: [...stack, { ...top, node }], waiting: false };
  }

  /** The flow on top is done: back to its caller's frame (returned), if any. */
  popFrame(): Frame | undefined {
    const stack = this.#session.stack.slice(0, -1);
    this.#session = { ...this.#session, stack, waiting: false };
    return stack.at(-1);
  }

  /** The danger question pending on top of the stack: taken off, the conversation back where it stood. */
  popHeld(): Held | undefined {
    const held = this.#session.stack.at(-1)?.held;
    if (!held) return undefined;
    const { waiting, retries } = held;
    this.#session = { ...this.#session, stack: this.#session.stack.slice(0, -1), waiting, retries };
    return held;
  }
}

/** A word list in a language and in the default language, kept apart: each is the locale texts' own cached array. */
export function wordLists(texts: Texts, language: string, defaultLanguage: string, key: string): string[][] {
  const own = texts.words(language, key);
  return language === defaultLanguage ? [own] : [own, texts.words(defaultLanguage, key)];
}
