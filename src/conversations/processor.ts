import type { Database, Tx } from "../db/database.ts";
import { readMedia } from "../channels/message.ts";
import type { Turn } from "../domain/action-set.ts";
import { type Attempt, DeadLetters, staffReason } from "./dead-letter.ts";
import type { HandoffHooks, MenuTarget, ReplyTarget } from "../domain/handoff/hooks.ts";
import { personAnswers } from "../domain/handoff/state.ts";
import {
  type Actions,
  type EngineContext,
  type EngineEvent,
  keywordWhileHandedOver,
  newSession,
  optIn,
  parseSession,
  resume,
  type Session,
  startFlow,
} from "../engine/index.ts";
import type { Logger } from "../logger.ts";
import { numberedText } from "../channels/numbered-menu.ts";
import { CHANNEL_PROFILES, type Channel, textVariant } from "../channels/profile.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { saveSession } from "../domain/contacts/repository.ts";
import { queueFarewell, queueReply, type Reply } from "../outbox/queue.ts";
import {
  contactsWithUnprocessed,
  lockForTurns,
  recordFailure,
  saveTurns,
  type TurnInput,
  type ContactChanges,
  type TurnWrites,
  updateContact,
} from "./repository.ts";

export interface ProcessorDeps {
  db: Database;
  /** everything the engine needs except the channel's text variant and the actions */
  engine: Omit<EngineContext, "textVariant" | "actions">;
  /** domain actions bound to the turn (its transaction, so their writes commit with the reply) */
  actions(turn: Turn): Actions;
  log: Logger;
  /** called after a turn queued replies: the outbox can send at once instead of at its next poll */
  onReplies(): void;
  handoff: HandoffHooks;
  /** the person confirmed erasure: erase everything about them in the turn's transaction (src/domain/contacts) */
  erase(tx: Tx, contactId: number): Promise<unknown>;
  /** people per transaction (100) */
  batchSize?: number;
  /** failed turns on one message before the bot gives up on it (3; database outages do not count) */
  maxAttempts?: number;
  /** turn figures for /metrics (src/metrics) */
  metrics?: Pick<Metrics, "turns" | "turnSeconds" | "turnWaitSeconds">;
}

/** What a turn's events ask for, before it is written. */
interface Effects {
  replies: Reply[];
  changes: ContactChanges;
  redact: boolean;
  /** the reply is the person's own words (an `ask` with `personal`): retention empties it */
  personal: boolean;
  handoff: Extract<EngineEvent, { type: "handoff_requested" }> | undefined;
  /** a failure no flow handled (the engine's `error`): staff take over, the message keeps the reason */
  error: string | undefined;
  erase: boolean;
}

/** A contact another process holds is tried again after this pause. */
const LOCKED_RETRY_MS = 50;

/**
 * Answers each person's messages strictly in arrival order, one at a time, in batches: one
 * transaction runs the next turn of up to `batchSize` people and writes them all with a few
 * multi-row statements. A turn's session, transcript and replies still commit together (with the
 * batch's other turns); when a batch fails, its people are retried one by one, so one broken turn
 * holds back nobody else, and a message whose turn keeps failing is given up (dead-letter.ts) so it
 * holds back not even its own person. Across processes the contacts' row locks keep one turn at a time
 * per person.
 */
export class ConversationProcessor {
  /** people who may have a message waiting */
  private readonly waiting = new Set<number>();
  /** people in a batch under way */
  private readonly inFlight = new Set<number>();
  /** people held by another process, looked at again shortly */
  private readonly held = new Set<number>();
  private readonly waiters = new Map<number, (() => void)[]>();
  private idleWaiters: (() => void)[] = [];
  private active = 0;
  private readonly batchSize: number;
  private readonly maxBatches: number;
  private readonly deadLetters: DeadLetters;

  constructor(private readonly deps: ProcessorDeps) {
    this.batchSize = deps.batchSize ?? 100;
    this.deadLetters = new DeadLetters({
      db: deps.db,
      log: deps.log,
      handoff: deps.handoff,
      defaultLanguage: deps.engine.defaultLanguage,
      maxAttempts: deps.maxAttempts ?? 3,
      onReplies: deps.onReplies,
    });
    // PGlite runs one transaction at a time; PostgreSQL overlaps a few (the pool has 10 connections)
    this.maxBatches = deps.db.kind === "pglite" ? 1 : 3;
  }

  /** Process everything waiting for this contact; resolves when none of their messages waits. */
  enqueue(contactId: number): Promise<void> {
    const done = new Promise<void>((resolve) =>
      this.waiters.set(contactId, [...(this.waiters.get(contactId) ?? []), resolve]),
    );
    this.waiting.add(contactId);
    this.pump();
    return done;
  }

  /** Pick up messages left unanswered by a crash or a failed turn. */
  async sweep(olderThanMs = 5_000): Promise<number> {
    const ids = await contactsWithUnprocessed(this.deps.db.prisma, new Date(Date.now() - olderThanMs));
    await Promise.all(ids.map((id) => this.enqueue(id)));
    return ids.length;
  }

  /** Wait for the turns under way and queued (for a clean shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.active === 0 && this.waiting.size === 0 && this.held.size === 0;
  }

  private pumpScheduled = false;

  /** After the I/O callbacks of this turn of the event loop: webhooks read meanwhile join the batch. */
  private pump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.active < this.maxBatches) {
      const batch: number[] = [];
      for (const id of this.waiting) {
        if (this.inFlight.has(id)) continue; // a second turn of theirs waits for the first
        batch.push(id);
        if (batch.length === this.batchSize) break;
      }
      if (batch.length === 0) break;
      for (const id of batch) {
        this.waiting.delete(id);
        this.inFlight.add(id);
      }
      this.active++;
      void this.runBatch(batch).then(({ again, held }) => {
        this.active--;
        for (const id of batch) this.inFlight.delete(id);
        for (const id of again) this.waiting.add(id);
        for (const id of held) this.hold(id);
        for (const id of batch) if (!this.waiting.has(id) && !this.held.has(id)) this.settle(id);
        this.pump();
        if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  private hold(contactId: number): void {
    this.held.add(contactId);
    setTimeout(() => {
      this.held.delete(contactId);
      this.waiting.add(contactId);
      this.pump();
    }, LOCKED_RETRY_MS);
  }

  private observe(started: number, received: Date[]): void {
    const metrics = this.deps.metrics;
    if (!metrics || received.length === 0) return;
    const now = Date.now();
    metrics.turns.inc({ result: "ok" }, received.length);
    metrics.turnSeconds.observe((performance.now() - started) / 1000);
    for (const at of received) metrics.turnWaitSeconds.observe(Math.max(0, now - at.getTime()) / 1000);
  }

  private settle(contactId: number): void {
    for (const resolve of this.waiters.get(contactId) ?? []) resolve();
    this.waiters.delete(contactId);
  }

  /** People with more to do, and people another process holds. Never throws. */
  private async runBatch(ids: number[]): Promise<{ again: number[]; held: number[] }> {
    const attempt: Attempt = {};
    try {
      return await this.turns(ids, attempt);
    } catch (error) {
      if (ids.length === 1) {
        this.deps.metrics?.turns.inc({ result: "failed" });
        // counted against the message, unless the database was away; the sweep retries it, unless given up
        const gaveUp = await this.deadLetters.failed(ids[0]!, attempt, error);
        return { again: gaveUp ? ids : [], held: [] };
      }
      this.deps.log.warn({ err: error, contacts: ids.length }, "batch of turns failed, taking its people one by one");
      const results = [];
      for (const id of ids) results.push(await this.runBatch([id]));
      return { again: results.flatMap((r) => r.again), held: results.flatMap((r) => r.held) };
    }
  }

  /** The next inbound message of each of these people through the engine, all effects in one transaction. */
  private async turns(contactIds: number[], attempt: Attempt): Promise<{ again: number[]; held: number[] }> {
    const writes: TurnWrites = { replies: [], processed: [], sessions: [], contacts: [] };
    const handedOver: number[] = [];
    let directReplies = 0;
    let received: Date[] = [];
    const started = performance.now();
    const result = await this.deps.db.prisma.$transaction(
      async (tx) => {
        handedOver.length = 0;
        directReplies = 0;
        const { inputs, skipped } = await lockForTurns(tx, contactIds);
        received = inputs.map((i) => i.message.receivedAt);
        attempt.messageId = inputs.length === 1 ? inputs[0]!.message.id : undefined;
        for (const input of inputs) {
          const direct = await this.turn(tx, input, writes, attempt);
          if (direct) {
            handedOver.push(input.contactId);
            directReplies += direct.replies;
          }
        }
        await saveTurns(tx, writes);
        return { again: inputs.filter((i) => i.more).map((i) => i.contactId), held: skipped };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (writes.replies.length > 0 || directReplies > 0) this.deps.onReplies();
    for (const id of handedOver) this.deps.handoff.changed(id);
    this.observe(started, received);
    return result;
  }

  /**
   * One turn. A bot turn's writes join the batch's; a turn that involves a caseworker is written at once
   * (the handoff module writes as it goes, and this person's replies must stay in order) and reports
   * how many replies it queued.
   */
  private async turn(
    tx: Tx,
    input: TurnInput,
    writes: TurnWrites,
    attempt: Attempt,
  ): Promise<{ replies: number } | undefined> {
    const { contactId, message } = input;
    const target: ReplyTarget = {
      contactId,
      channel: input.channel,
      to: input.address,
      from: message.ourAddress,
      language: input.language ?? this.deps.engine.defaultLanguage,
      inReplyToId: message.id,
    };
    const session = this.sessionOf({
      id: contactId,
      language: input.language,
      optedOut: input.optedOut,
      state: input.state,
    });
    const ctx = this.context(tx, target, message.id);
    const personAnswering = input.conversation !== null && personAnswers(input.conversation.status);
    // STOP (and START after it) is only looked for while a person
    // answers: otherwise the engine reads it like any keyword
    const honoured = personAnswering ? keywordWhileHandedOver(ctx, session, message.body) : undefined;
    if (personAnswering && !honoured) {
      // a caseworker answers: the bot stays silent, the message waits for them in the transcript
      const replies = await this.deps.handoff.received(tx, target, message.body, input.conversation?.urgent ?? false);
      writes.processed.push({ messageId: message.id, redact: false, personal: false });
      return { replies };
    }
    const media = readMedia(message.media);
    const result =
      honoured === "opt_in"
        ? optIn(ctx, session)
        : await resume(ctx, session, {
            text: message.body,
            media,
            receivedAt: message.receivedAt,
            ...(message.payload ? { payload: message.payload } : {}),
          });
    // the engine answered a failing action itself; if that failure broke the transaction, it is why the turn fails
    attempt.flowError = result.events.find((e) => e.type === "error" || e.type === "action_failed")?.reason;
    const effects = this.effects(target, result.events);
    if (effects.erase) {
      // the farewell is queued first, needing no contact; then the person's rows go, this message with them
      for (const reply of effects.replies) await queueFarewell(tx, reply);
      await this.deps.erase(tx, contactId);
      return { replies: effects.replies.length };
    }
    writes.processed.push({ messageId: message.id, redact: effects.redact, personal: effects.personal });
    writes.sessions.push({ contactId, state: result.session });
    if (effects.handoff || effects.error !== undefined || personAnswering) {
      // an unhandled failure counts on the message, as a dead letter's does: staff read why on it
      if (effects.error !== undefined) await recordFailure(tx, message.id, staffReason(effects.error));
      const replies = await this.writeNow(tx, target, effects);
      // STOP while a person answers: the person is opted out and
      // the conversation closes (START keeps it with the person)
      if (honoured === "opt_out") await this.deps.handoff.stopped(tx, contactId);
      return { replies };
    }
    for (const reply of effects.replies) writes.replies.push({ ...reply, inReplyToId: message.id });
    if (Object.keys(effects.changes).length > 0) writes.contacts.push({ contactId, ...effects.changes });
    return undefined;
  }

  /**
   * The bot takes the conversation back (a caseworker handed it back): a short message, then the
   * main menu, or the welcome for a person whose language was never settled (a risk named at once, in
   * words several languages share): they pick their language first, and the message (`preface.welcome`)
   * says so. Runs in the caller's transaction, which holds the contact's row lock.
   */
  async resumeAtMenu(tx: Tx, target: MenuTarget, preface: { menu: string; welcome: string }): Promise<void> {
    const { contactId, channel, to, from } = target;
    const stored = await tx.session.findUnique({ where: { contactId }, select: { state: true } });
    const session = this.sessionOf({
      id: contactId,
      language: target.language,
      optedOut: target.optedOut,
      state: stored?.state,
    });
    const language = session.language ?? this.deps.engine.defaultLanguage;
    const start = session.language ? "menu" : "welcome";
    await queueReply(tx, {
      contactId,
      channel,
      to,
      from,
      text: this.deps.engine.texts.t(language, preface[start], {}, textVariant(channel)),
      redact: false,
    });
    const result = await startFlow(
      this.context(tx, target, target.latestMessageId),
      session,
      this.deps.engine.entry[start],
    );
    const resumed = { contactId, channel, to, from, language, inReplyToId: undefined };
    await this.writeNow(tx, resumed, this.effects(resumed, result.events));
    await saveSession(tx, contactId, result.session);
  }

  private sessionOf(contact: { id: number; language: string | null; optedOut: boolean; state: unknown }): Session {
    const stored = contact.state ? parseSession(contact.state) : undefined;
    if (stored && !stored.ok)
      this.deps.log.warn({ contactId: contact.id, reason: stored.reason }, "unreadable session, starting over");
    return stored?.ok ? stored.session : { ...newSession(contact.language), optedOut: contact.optedOut };
  }

  private context(
    tx: Tx,
    person: { contactId: number; to: string; channel: Channel },
    messageId: number,
  ): EngineContext {
    const { contactId, to: address, channel } = person;
    return {
      ...this.deps.engine,
      textVariant: textVariant(channel),
      actions: this.deps.actions({ tx, contactId, address, messageId, channel }),
    };
  }

  /** What the engine asked for in a turn. */
  private effects(target: ReplyTarget, events: EngineEvent[]): Effects {
    const e: Effects = {
      replies: [],
      changes: {},
      redact: false,
      personal: false,
      handoff: undefined,
      error: undefined,
      erase: false,
    };
    for (const event of events) {
      switch (event.type) {
        case "msg_created":
          e.replies.push({
            contactId: target.contactId,
            inReplyToId: target.inReplyToId,
            channel: target.channel,
            to: target.to,
            from: target.from,
            // the numbered text is what the transcript shows and SMS sends; a channel that can show the
            // choices as buttons or a list gets them as data too, the text then its fallback
            text: numberedText(event),
            ...(event.menu && CHANNEL_PROFILES[target.channel].interactiveMenus
              ? { interactive: { text: event.text, menu: event.menu } }
              : {}),
            redact: event.redact,
          });
          break;
        case "input_redacted":
          e.redact = true;
          break;
        case "input_personal":
          e.personal = true;
          break;
        case "language_changed":
          e.changes.language = event.language;
          break;
        case "opted_out":
          e.changes.optedOut = true;
          break;
        case "opted_in":
          e.changes.optedOut = false;
          break;
        case "notice_shown":
          e.changes.noticeVersion = event.version;
          break;
        case "updates_consent":
          e.changes.updatesConsent = event.consent;
          break;
        case "handoff_requested":
          e.handoff = event;
          break;
        case "erase_requested":
          e.erase = true;
          break;
        case "action_failed":
          this.deps.log.warn(
            { contactId: target.contactId, reason: event.reason },
            "action failed; the flow took its error branch",
          );
          break;
        case "error":
          e.error = event.reason;
          this.deps.log.warn(
            { contactId: target.contactId, reason: event.reason },
            "flow error no flow handled; the conversation goes to staff",
          );
          break;
        default:
          unreachable(event);
      }
    }
    return e;
  }

  /**
   * Write a turn's replies and contact changes at once, then hand over if asked or if it failed (a risk's
   * urgent handover first); returns the replies queued.
   */
  private async writeNow(tx: Tx, target: ReplyTarget, e: Effects): Promise<number> {
    for (const reply of e.replies) await queueReply(tx, reply);
    await updateContact(tx, target.contactId, e.changes);
    // after the turn's own messages (the emergency contacts come first), in the language it ended in
    const to = { ...target, language: e.changes.language ?? target.language };
    const handoff = e.handoff
      ? await this.deps.handoff.requested(tx, to, e.handoff)
      : e.error !== undefined
        ? await this.deps.handoff.gaveUp(tx, to)
        : 0;
    return e.replies.length + handoff;
  }
}

function unreachable(event: never): never {
  throw new Error(`unhandled engine event ${JSON.stringify(event satisfies EngineEvent)}`);
}
