import type { Database, Tx } from "../db/database.ts";
import type { Turn } from "./actions.ts";
import { personAnswers } from "../domain/handoff/state.ts";
import {
  type Actions, type Channel, type EngineContext, type EngineEvent, isStop, newSession, parseSession, resume, type Session, startFlow,
} from "../engine/index.ts";
import type { Logger } from "../logger.ts";
import { contactsWithUnprocessed, lastInbound, lockContact, markProcessed, nextUnprocessed, queueReply, saveSession, updateContact } from "./repository.ts";

export interface ProcessorDeps {
  db: Database;
  /** everything the engine needs except the channel and the actions */
  engine: Omit<EngineContext, "channel" | "actions">;
  /** domain actions bound to the turn (its transaction, so their writes commit with the reply) */
  actions(turn: Turn): Actions;
  log: Logger;
  /** called after a turn queued replies: the outbox can send at once instead of at its next poll */
  onReplies(): void;
  handoff: HandoffHooks;
}

/** Where a turn's replies go, and in which language. */
export interface ReplyTarget {
  contactId: number;
  channel: Channel;
  to: string;
  from: string;
  language: string;
  inReplyToId: number | undefined;
}

/** What the handoff module does inside a turn (src/domain/handoff); each returns how many replies it queued. */
export interface HandoffHooks {
  /** the engine asked for a person: change the conversation's state and tell the person when to expect one */
  requested(tx: Tx, target: ReplyTarget, event: Extract<EngineEvent, { type: "handoff_requested" }>): Promise<number>;
  /** a message came while a person answers; the bot stays silent */
  received(tx: Tx, target: ReplyTarget, text: string, urgent: boolean): Promise<number>;
  /** the person sent STOP while a person answered */
  stopped(tx: Tx, contactId: number): Promise<void>;
  /** after the turn committed: the staff inbox may show it */
  changed(contactId: number): void;
}

const isChannel = (c: string): c is Channel => c === "sms" || c === "whatsapp";

/**
 * Answers each person's messages strictly in arrival order, one at a time. Within a process a
 * chain per contact avoids waiting on the database lock; across processes the contact's row lock does.
 */
export class ConversationProcessor {
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();

  constructor(private readonly deps: ProcessorDeps) {}

  /** Process everything waiting for this contact; resolves when the queue is empty. */
  enqueue(contactId: number): Promise<void> {
    const current = this.running.get(contactId);
    if (current) {
      this.again.add(contactId);
      return current;
    }
    const run = (async () => {
      do {
        this.again.delete(contactId);
        await this.drain(contactId);
      } while (this.again.has(contactId));
    })().finally(() => this.running.delete(contactId));
    this.running.set(contactId, run);
    return run;
  }

  /** Pick up messages left unanswered by a crash or a failed turn. */
  async sweep(olderThanMs = 5_000): Promise<number> {
    const ids = await contactsWithUnprocessed(this.deps.db.prisma, new Date(Date.now() - olderThanMs));
    await Promise.all(ids.map((id) => this.enqueue(id)));
    return ids.length;
  }

  /** Wait for the turns under way (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async drain(contactId: number): Promise<void> {
    try {
      while (await this.turn(contactId));
    } catch (error) {
      // the message stays unprocessed; the sweep retries it
      this.deps.log.error({ err: error, contactId }, "turn failed");
    }
  }

  /** One inbound message through the engine, all effects in one transaction. False when none waits. */
  private async turn(contactId: number): Promise<boolean> {
    let replies = 0;
    let handoff = false;
    const done = await this.deps.db.prisma.$transaction(
      async (tx) => {
        const contact = await lockContact(tx, contactId);
        const message = await nextUnprocessed(tx, contactId);
        if (!message) return false;
        if (!isChannel(contact.channel)) throw new Error(`contact ${contactId} has unknown channel ${contact.channel}`);
        const target: ReplyTarget = {
          contactId, channel: contact.channel, to: contact.address, from: message.ourAddress,
          language: contact.language ?? this.deps.engine.defaultLanguage, inReplyToId: message.id,
        };
        const session = this.sessionOf(contact);
        const ctx = this.context(tx, contactId, message.id, contact.channel);
        const stop = isStop(ctx, session, message.body);
        if (contact.conversation && personAnswers(contact.conversation.status) && !stop) {
          // a caseworker answers: the bot stays silent, the message waits for them in the transcript
          replies += await this.deps.handoff.received(tx, target, message.body, contact.conversation.urgent);
          handoff = true;
          await markProcessed(tx, message.id, false);
          return true;
        }
        const media = Array.isArray(message.media) ? message.media.flatMap(toMedia) : [];
        const result = await resume(ctx, session, { text: message.body, media });
        const applied = await this.apply(tx, target, result.events);
        replies += applied.replies;
        handoff = applied.handoff;
        // STOP while a person answers: the person is opted out and the conversation closes
        if (stop && contact.conversation && personAnswers(contact.conversation.status)) {
          await this.deps.handoff.stopped(tx, contactId);
          handoff = true;
        }
        await markProcessed(tx, message.id, applied.redact);
        await saveSession(tx, contactId, result.session);
        return true;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (replies > 0) this.deps.onReplies();
    if (handoff) this.deps.handoff.changed(contactId);
    return done;
  }

  /**
   * The bot takes the conversation back (a caseworker handed it back): a short message, then the
   * main menu. Runs in the caller's transaction, which holds the contact's row lock.
   */
  async resumeAtMenu(tx: Tx, target: Omit<ReplyTarget, "language" | "inReplyToId">, preface: string): Promise<void> {
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: target.contactId }, include: { session: true } });
    const session = this.sessionOf(contact);
    const language = session.language ?? this.deps.engine.defaultLanguage;
    await queueReply(tx, { ...target, text: this.deps.engine.texts.t(language, preface, {}, target.channel), redact: false });
    // the Turn of the actions belongs to the person's latest message, as no new one started it
    const latest = await lastInbound(tx, target.contactId);
    const result = await startFlow(this.context(tx, target.contactId, latest?.id ?? 0, target.channel), session, this.deps.engine.entry.menu);
    await this.apply(tx, { ...target, language, inReplyToId: undefined }, result.events);
    await saveSession(tx, target.contactId, result.session);
  }

  private sessionOf(contact: { id: number; language: string | null; optedOut: boolean; session: { state: unknown } | null }): Session {
    const stored = contact.session ? parseSession(contact.session.state) : undefined;
    if (stored && !stored.ok) this.deps.log.warn({ contactId: contact.id, reason: stored.reason }, "unreadable session, starting over");
    return stored?.ok ? stored.session : { ...newSession(contact.language), optedOut: contact.optedOut };
  }

  private context(tx: Tx, contactId: number, messageId: number, channel: Channel): EngineContext {
    return { ...this.deps.engine, channel, actions: this.deps.actions({ tx, contactId, messageId, channel }) };
  }

  /** Everything the engine asked for in a turn, in the turn's transaction. */
  private async apply(tx: Tx, target: ReplyTarget, events: EngineEvent[]) {
    const changes: { language?: string; optedOut?: boolean } = {};
    let redact = false;
    let replies = 0;
    let handoff: Extract<EngineEvent, { type: "handoff_requested" }> | undefined;
    for (const event of events) {
      switch (event.type) {
        case "msg_created":
          replies++;
          await queueReply(tx, { contactId: target.contactId, inReplyToId: target.inReplyToId, channel: target.channel, to: target.to, from: target.from, text: event.text, redact: event.redact });
          break;
        case "input_redacted": redact = true; break;
        case "language_changed": changes.language = event.language; break;
        case "opted_out": changes.optedOut = true; break;
        case "opted_in": changes.optedOut = false; break;
        case "handoff_requested": handoff = event; break;
        case "error": this.deps.log.warn({ contactId: target.contactId, reason: event.reason }, "flow error"); break;
        default: unreachable(event);
      }
    }
    await updateContact(tx, target.contactId, changes);
    // after the turn's own messages (the emergency contacts come first), in the language it ended in
    if (handoff) replies += await this.deps.handoff.requested(tx, { ...target, language: changes.language ?? target.language }, handoff);
    return { redact, replies, handoff: handoff !== undefined };
  }
}

function toMedia(m: unknown): { url: string; contentType: string }[] {
  if (typeof m !== "object" || m === null) return [];
  const url: unknown = Reflect.get(m, "url");
  const contentType: unknown = Reflect.get(m, "contentType");
  return typeof url === "string" && typeof contentType === "string" ? [{ url, contentType }] : [];
}

function unreachable(event: never): never {
  throw new Error(`unhandled engine event ${JSON.stringify(event satisfies EngineEvent)}`);
}
