import type { Database, Tx } from "../db/database.ts";
import type { Turn } from "./actions.ts";
import {
  type Actions, type Channel, type EngineContext, type EngineEvent, newSession, parseSession, resume,
} from "../engine/index.ts";
import type { Logger } from "../logger.ts";
import { contactsWithUnprocessed, lockForTurns, saveTurns, type TurnInput, type TurnWrites } from "./repository.ts";

export interface ProcessorDeps {
  db: Database;
  /** everything the engine needs except the channel and the actions */
  engine: Omit<EngineContext, "channel" | "actions">;
  /** domain actions bound to the turn (its transaction, so their writes commit with the reply) */
  actions(turn: Turn): Actions;
  log: Logger;
  /** called after a turn queued replies: the outbox can send at once instead of at its next poll */
  onReplies(): void;
  /** people per transaction (100) */
  batchSize?: number;
}

const isChannel = (c: string): c is Channel => c === "sms" || c === "whatsapp";

/** A contact another process holds is tried again after this pause. */
const LOCKED_RETRY_MS = 50;

/**
 * Answers each person's messages strictly in arrival order, one at a time, in batches: one
 * transaction runs the next turn of up to `batchSize` people and writes them all with a few
 * multi-row statements. A turn's session, transcript and replies still commit together (with the
 * batch's other turns); when a batch fails, its people are retried one by one, so one broken turn
 * holds back nobody else. Across processes the contacts' row locks keep one turn at a time per person.
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

  constructor(private readonly deps: ProcessorDeps) {
    this.batchSize = deps.batchSize ?? 100;
    // PGlite runs one transaction at a time; PostgreSQL overlaps a few (the pool has 10 connections)
    this.maxBatches = deps.db.kind === "pglite" ? 1 : 3;
  }

  /** Process everything waiting for this contact; resolves when none of their messages waits. */
  enqueue(contactId: number): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiters.set(contactId, [...(this.waiters.get(contactId) ?? []), resolve]));
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
    setImmediate(() => { this.pumpScheduled = false; this.startBatches(); });
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
      for (const id of batch) { this.waiting.delete(id); this.inFlight.add(id); }
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
    setTimeout(() => { this.held.delete(contactId); this.waiting.add(contactId); this.pump(); }, LOCKED_RETRY_MS);
  }

  private settle(contactId: number): void {
    for (const resolve of this.waiters.get(contactId) ?? []) resolve();
    this.waiters.delete(contactId);
  }

  /** People with more to do, and people another process holds. Never throws. */
  private async runBatch(ids: number[]): Promise<{ again: number[]; held: number[] }> {
    try {
      return await this.turns(ids);
    } catch (error) {
      if (ids.length === 1) {
        // the message stays unprocessed; the sweep retries it
        this.deps.log.error({ err: error, contactId: ids[0] }, "turn failed");
        return { again: [], held: [] };
      }
      this.deps.log.warn({ err: error, contacts: ids.length }, "batch of turns failed, taking its people one by one");
      const results = [];
      for (const id of ids) results.push(await this.runBatch([id]));
      return { again: results.flatMap((r) => r.again), held: results.flatMap((r) => r.held) };
    }
  }

  /** The next inbound message of each of these people through the engine, all effects in one transaction. */
  private async turns(contactIds: number[]): Promise<{ again: number[]; held: number[] }> {
    const writes: TurnWrites = { replies: [], processed: [], sessions: [], contacts: [] };
    const result = await this.deps.db.prisma.$transaction(
      async (tx) => {
        const { inputs, skipped } = await lockForTurns(tx, contactIds);
        for (const input of inputs) await this.turn(tx, input, writes);
        await saveTurns(tx, writes);
        return { again: inputs.filter((i) => i.more).map((i) => i.contactId), held: skipped };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (writes.replies.length > 0) this.deps.onReplies();
    return result;
  }

  private async turn(tx: Tx, input: TurnInput, writes: TurnWrites): Promise<void> {
    const { contactId, message } = input;
    if (!isChannel(input.channel)) throw new Error(`contact ${contactId} has unknown channel ${input.channel}`);
    const stored = input.state ? parseSession(input.state) : undefined;
    if (stored && !stored.ok) this.deps.log.warn({ contactId, reason: stored.reason }, "unreadable session, starting over");
    const session = stored?.ok ? stored.session : { ...newSession(input.language), optedOut: input.optedOut };
    const ctx: EngineContext = { ...this.deps.engine, channel: input.channel, actions: this.deps.actions({ tx, contactId, messageId: message.id, channel: input.channel }) };
    const media = Array.isArray(message.media) ? message.media.flatMap(toMedia) : [];
    const result = await resume(ctx, session, { text: message.body, media });

    const changes: { language?: string; optedOut?: boolean } = {};
    let redact = false;
    for (const event of result.events) {
      switch (event.type) {
        case "msg_created":
          writes.replies.push({ contactId, inReplyToId: message.id, channel: input.channel, to: input.address, from: message.ourAddress, text: event.text, redact: event.redact });
          break;
        case "input_redacted": redact = true; break;
        case "language_changed": changes.language = event.language; break;
        case "opted_out": changes.optedOut = true; break;
        case "opted_in": changes.optedOut = false; break;
        case "error": this.deps.log.warn({ contactId, reason: event.reason }, "flow error"); break;
        default: unreachable(event);
      }
    }
    if (Object.keys(changes).length > 0) writes.contacts.push({ contactId, ...changes });
    writes.processed.push({ messageId: message.id, redact });
    writes.sessions.push({ contactId, state: result.session });
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
