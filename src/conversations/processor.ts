import type { Database, Tx } from "../db/database.ts";
import { readMedia } from "../channels/message.ts";
import type { Turn } from "../domain/action-set.ts";
import { type Attempt, DeadLetters } from "./dead-letter.ts";
import type { HandoffHooks, HandoffPerson, MenuTarget } from "../domain/handoff/hooks.ts";
import { personAnswers } from "../domain/handoff/state.ts";
import {
  type Actions,
  type EngineContext,
  type EngineEvent,
  keywordWhileHandedOver,
  newState,
  optIn,
  parseSession,
  resume,
  startFlow,
  type TurnState,
} from "../engine/index.ts";
import type { Logger } from "../logger.ts";
import { carriesMenus, type Channel, textVariant } from "../channels/profile.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { storedSession } from "../domain/contacts/repository.ts";
import { applyPlans } from "../turns/apply-plans.ts";
import type { Outgoing, TurnPlan } from "../turns/plan.ts";
import { type PlannedTurn, planTurn, type TurnAt, withReplies } from "./plan-turn.ts";
import { ContactScheduler } from "./scheduler.ts";
import { contactsWithUnprocessed, lockForTurns, type TurnInput } from "./repository.ts";

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
  /** WHATSAPP_MENUS=numbered (false): questions go as numbered text even where the channel could show a list */
  interactiveMenus?: boolean;
}

/** One person's turn, planned: its writes join the batch's; what it erases or hands over, after them. */
interface DoneTurn {
  plan: TurnPlan;
  erase: boolean;
  /** the staff inbox may show a change (a handover, a message while a person answers) */
  handoffChanged: boolean;
}

/** A contact another process holds is tried again after this pause. */
const LOCKED_RETRY_MS = 50;

/**
 * Answers each person's messages strictly in arrival order, one at a time, in batches (scheduler.ts): one
 * transaction runs the next turn of up to `batchSize` people and writes all their plans at once
 * (src/turns/apply-plans.ts). A turn's session, transcript and replies still commit together (with the
 * batch's other turns); when a batch fails, its people are retried one by one, so one broken turn
 * holds back nobody else, and a message whose turn keeps failing is given up (dead-letter.ts) so it
 * holds back not even its own person. Across processes the contacts' row locks keep one turn at a time
 * per person.
 */
export class ConversationProcessor {
  private readonly scheduler: ContactScheduler;
  private readonly deadLetters: DeadLetters;

  constructor(private readonly deps: ProcessorDeps) {
    this.deadLetters = new DeadLetters({
      db: deps.db,
      log: deps.log,
      handoff: deps.handoff,
      defaultLanguage: deps.engine.defaultLanguage,
      maxAttempts: deps.maxAttempts ?? 3,
      onReplies: deps.onReplies,
    });
    this.scheduler = new ContactScheduler({
      batchSize: deps.batchSize ?? 100,
      // PGlite runs one transaction at a time; PostgreSQL overlaps a few (the pool has 10 connections)
      concurrency: deps.db.kind === "pglite" ? 1 : 3,
      heldRetryMs: LOCKED_RETRY_MS,
      run: (ids) => this.runBatch(ids),
    });
  }

  /** Process everything waiting for this contact; resolves when none of their messages waits. */
  enqueue(contactId: number): Promise<void> {
    return this.scheduler.enqueue(contactId);
  }

  /** Pick up messages left unanswered by a crash or a failed turn. */
  async sweep(olderThanMs = 5_000): Promise<number> {
    const ids = await contactsWithUnprocessed(this.deps.db.prisma, new Date(Date.now() - olderThanMs));
    await Promise.all(ids.map((id) => this.enqueue(id)));
    return ids.length;
  }

  /** Wait for the turns under way and queued (for a clean shutdown). */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  private observe(started: number, received: Date[]): void {
    const metrics = this.deps.metrics;
    if (!metrics || received.length === 0) return;
    const now = Date.now();
    metrics.turns.inc({ result: "ok" }, received.length);
    metrics.turnSeconds.observe((performance.now() - started) / 1000);
    for (const at of received) metrics.turnWaitSeconds.observe(Math.max(0, now - at.getTime()) / 1000);
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

  /** The next inbound message of each of these people through the engine, all their plans in one transaction. */
  private async turns(contactIds: number[], attempt: Attempt): Promise<{ again: number[]; held: number[] }> {
    let done: DoneTurn[] = [];
    let received: Date[] = [];
    const started = performance.now();
    const result = await this.deps.db.prisma.$transaction(
      async (tx) => {
        const { inputs, skipped } = await lockForTurns(tx, contactIds);
        received = inputs.map((i) => i.message.receivedAt);
        attempt.messageId = inputs.length === 1 ? inputs[0]!.message.id : undefined;
        done = [];
        for (const input of inputs) done.push(await this.turn(tx, input, attempt));
        await applyPlans(
          tx,
          done.map((d) => d.plan),
        );
        // after the farewell is written (it needs no contact): then the person's rows go, this message with them
        for (const d of done) if (d.erase) await this.deps.erase(tx, d.plan.contactId);
        return { again: inputs.filter((i) => i.more).map((i) => i.contactId), held: skipped };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (done.some((d) => (d.plan.send?.replies.length ?? 0) > 0)) this.deps.onReplies();
    for (const d of done) if (d.handoffChanged) this.deps.handoff.changed(d.plan.contactId);
    this.observe(started, received);
    return result;
  }

  /** One turn, as a plan: the engine's answer, or while a caseworker answers, the handoff module's. */
  private async turn(tx: Tx, input: TurnInput, attempt: Attempt): Promise<DoneTurn> {
    const { contactId, message } = input;
    const at: TurnAt = {
      contactId,
      route: { channel: input.channel, to: input.address, from: message.ourAddress },
      message: { id: message.id },
      interactiveMenus: this.interactiveMenus(input.channel),
    };
    const person: HandoffPerson = {
      contactId,
      channel: input.channel,
      language: input.language ?? this.deps.engine.defaultLanguage,
    };
    const state = this.stateOf({
      id: contactId,
      language: input.language,
      optedOut: input.optedOut,
      state: input.state,
    });
    const ctx = this.context(tx, at, message.id);
    const personAnswering = input.conversation !== null && personAnswers(input.conversation.status);
    // STOP (and START after it) is only looked for while a person
    // answers: otherwise the engine reads it like any keyword
    const honoured = personAnswering ? keywordWhileHandedOver(ctx, state, message.body) : undefined;
    if (personAnswering && !honoured) {
      // a caseworker answers: the bot stays silent, the message waits for them in the transcript
      const urgent = input.conversation?.urgent ?? false;
      const replies = await this.deps.handoff.received(tx, person, message.body, urgent);
      const answered = { messageId: message.id, redact: false, personal: false };
      const send = { route: at.route, inReplyToId: message.id, replies };
      return { plan: { contactId, send, answered }, erase: false, handoffChanged: true };
    }
    const media = readMedia(message.media);
    const result =
      honoured === "opt_in"
        ? optIn(ctx, state)
        : await resume(ctx, state, {
            text: message.body,
            media,
            receivedAt: message.receivedAt,
            ...(message.payload ? { payload: message.payload } : {}),
          });
    // the engine answered a failing action itself; if that failure broke the transaction, it is why the turn fails
    attempt.flowError = result.events.find((e) => e.type === "error" || e.type === "action_failed")?.reason;
    this.logFailures(contactId, result.events);
    const planned = planTurn(at, result);
    if (planned.erase) return { plan: planned.plan, erase: true, handoffChanged: false };
    const after = await this.handOver(tx, person, planned);
    // STOP while a person answers: the person is opted out and
    // the conversation closes (START keeps it with the person)
    if (honoured === "opt_out") await this.deps.handoff.stopped(tx, contactId);
    const handoffChanged = personAnswering || planned.handoff !== undefined || planned.error !== undefined;
    return { plan: withReplies(planned.plan, { after }), erase: false, handoffChanged };
  }

  /**
   * The bot takes the conversation back (a caseworker handed it back): a short message, then "Did this help?"
   * when it may be asked and the main menu (`entry.handedBack`), or the welcome for a person whose language was
   * never settled (a risk named at once, in words several languages share): they pick their language first, and
   * the message (`preface.welcome`) says so. Runs in the caller's transaction, which holds the contact's row lock.
   */
  async resumeAtMenu(tx: Tx, target: MenuTarget, preface: { menu: string; welcome: string }): Promise<void> {
    const { entry, defaultLanguage, texts } = this.deps.engine;
    const start = target.language ? (entry.handedBack ?? entry.menu) : entry.welcome;
    const language = target.language ?? defaultLanguage;
    const said = texts.t(
      language,
      target.language ? preface.menu : preface.welcome,
      {},
      textVariant(target.route.channel),
    );
    await this.startAfterDeed(tx, target, start, [{ text: said, redact: false }]);
  }

  /** A caseworker closed the conversation: "Did this help?" when it may be asked (`entry.closed`), in the person's language. */
  async askAfterClose(tx: Tx, target: MenuTarget): Promise<void> {
    const flow = this.deps.engine.entry.closed;
    if (flow && target.language && !target.optedOut) await this.startAfterDeed(tx, target, flow, []);
  }

  /** A flow started by a caseworker's deed rather than a message of the person's, after `before`. */
  private async startAfterDeed(tx: Tx, target: MenuTarget, flow: string, before: Outgoing[]): Promise<void> {
    const { contactId, route } = target;
    const state = this.stateOf({
      id: contactId,
      language: target.language,
      optedOut: target.optedOut,
      state: await storedSession(tx, contactId),
    });
    const language = state.person.language ?? this.deps.engine.defaultLanguage;
    const at: TurnAt = { contactId, route, interactiveMenus: this.interactiveMenus(route.channel) };
    const result = await startFlow(this.context(tx, at, target.latestMessageId), state, flow);
    this.logFailures(contactId, result.events);
    const planned = planTurn(at, result);
    const after = await this.handOver(tx, { contactId, channel: route.channel, language }, planned);
    await applyPlans(tx, [withReplies(planned.plan, { before, after })]);
  }

  /** The contact's language and opt-out (theirs alone), and their stored session or a new one. */
  private stateOf(contact: { id: number; language: string | null; optedOut: boolean; state: unknown }): TurnState {
    const stored = contact.state ? parseSession(contact.state) : undefined;
    if (stored && !stored.ok)
      this.deps.log.warn({ contactId: contact.id, reason: stored.reason }, "unreadable session, starting over");
    const fresh = newState(contact.language, contact.optedOut);
    return stored?.ok ? { ...fresh, session: stored.session } : fresh;
  }

  private context(tx: Tx, at: TurnAt, messageId: number): EngineContext {
    const { contactId, route } = at;
    const { channel, to: address } = route;
    return {
      ...this.deps.engine,
      textVariant: textVariant(channel),
      actions: this.deps.actions({ tx, contactId, address, messageId, channel }),
    };
  }

  private interactiveMenus(channel: Channel): boolean {
    return carriesMenus(channel, this.deps.interactiveMenus ?? true);
  }

  private logFailures(contactId: number, events: EngineEvent[]): void {
    for (const event of events) {
      if (event.type === "action_failed")
        this.deps.log.warn({ contactId, reason: event.reason }, "action failed; the flow took its error branch");
      if (event.type === "error")
        this.deps.log.warn(
          { contactId, reason: event.reason },
          "flow error no flow handled; the conversation goes to staff",
        );
    }
  }

  /**
   * The handover the turn asked for, or the one its failure calls for: its messages come after the turn's own
   * (the emergency contacts first), in the language the turn ended in.
   */
  private handOver(tx: Tx, person: HandoffPerson, planned: PlannedTurn): Promise<Outgoing[]> {
    const to = { ...person, language: planned.plan.contact?.language ?? person.language };
    if (planned.handoff) return this.deps.handoff.requested(tx, to, planned.handoff);
    if (planned.error !== undefined) return this.deps.handoff.gaveUp(tx, to);
    return Promise.resolve([]);
  }
}
