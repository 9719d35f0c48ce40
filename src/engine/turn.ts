import type { Held, Session } from "./session.ts";
import type { EngineContext, EngineEvent, Input, Menu, Texts, Value } from "./types.ts";

/** What a node handler asks the interpreter to do next. */
export type Step =
  | { kind: "next"; node: string | undefined } // undefined: this flow is done, return to the caller
  | { kind: "wait" } // an ask node waits for the person
  | { kind: "goto"; flow: string; node?: string }
  | { kind: "call"; flow: string; node?: string; held?: Held } // a subflow; the caller resumes at this node's `next`
  | { kind: "release"; risk: boolean } // the danger question is answered: its held message is read now
  | { kind: "end" }; // the whole conversation flow is over

/** One turn of the conversation: the session being changed and the events it produces. */
export class Turn {
  readonly events: EngineEvent[] = [];
  /** the media of the person's message; unlike `input` it is not consumed by the ask it answers */
  readonly media: Input["media"];
  /** the person's message named a protection risk (actions record it: a need saved from it is marked) */
  risk = false;
  /** the danger question was answered this turn: its held message, to read as a risk or as it would have been */
  released: { held: Held; risk: boolean } | undefined;
  /** the input is a held message read again: it was marked (redacted, personal) in its own turn already */
  replaying = false;
  constructor(
    readonly ctx: EngineContext,
    public session: Session,
    /** the person's message; only the node that waited for it (or the first node of a trigger) sees it */
    public input: Input | undefined,
  ) {
    this.media = input?.media ?? [];
  }

  /** the person's; for a new person asked whether they are in danger, the language their words were found in */
  get language(): string {
    return this.session.language ?? this.session.stack.at(-1)?.held?.language ?? this.ctx.defaultLanguage;
  }

  text(key: string, extra: Record<string, Value> = {}): string {
    return this.ctx.texts.t(this.language, key, { ...this.session.vars, ...extra }, this.ctx.textVariant);
  }

  /** A node's text, in the plural form its `count` variable calls for when it names one. */
  nodeText(key: string, count: string | undefined): string {
    return this.text(key, count === undefined ? {} : { count: Number(this.session.vars[count] ?? 0) });
  }

  say(text: string, redact = false, menu?: Menu): void {
    this.events.push(menu ? { type: "msg_created", text, redact, menu } : { type: "msg_created", text, redact });
  }

  /**
   * The same list in the person's language and in the default
   * language, kept apart (order matters): "MENU" works everywhere.
   */
  wordLists(key: string): string[][] {
    return wordLists(this.ctx.texts, this.language, this.ctx.defaultLanguage, key);
  }

  /**
   * Where someone starts afresh: the menu, or for a new person the
   * welcome (their language, then what the line is and is not).
   */
  home(): string {
    return this.session.language ? this.ctx.entry.menu : this.ctx.entry.welcome;
  }

  setLanguage(language: string): void {
    if (this.session.language === language) return;
    this.session = { ...this.session, language };
    this.events.push({ type: "language_changed", language });
  }

  setVars(values: Record<string, Value>): void {
    this.session = { ...this.session, vars: { ...this.session.vars, ...values } };
  }
}

/** A word list in a language and in the default language, kept apart: each is the locale texts' own cached array. */
export function wordLists(texts: Texts, language: string, defaultLanguage: string, key: string): string[][] {
  const own = texts.words(language, key);
  return language === defaultLanguage ? [own] : [own, texts.words(defaultLanguage, key)];
}
