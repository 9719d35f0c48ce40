/** What a batch of people's turns reports: who has more to do now, and whom another process holds. */
export interface BatchOutcome {
  again: number[];
  held: number[];
}

export interface SchedulerOptions {
  /** people per batch */
  batchSize: number;
  /** batches under way at once */
  concurrency: number;
  /** a person another process holds is tried again after this pause */
  heldRetryMs: number;
  /** runs one batch of people's next turns; never throws */
  run(contactIds: number[]): Promise<BatchOutcome>;
}

/**
 * Per-person ordering, knowing nothing of what a turn does (grammY runner's `sequentialize`, keyed by contact
 * id): one batch at a time holds a person, so their turns run one after another; different people run in the
 * same batch or in parallel batches. A person enqueued while their batch runs waits for it, then goes again.
 */
export class ContactScheduler {
  /** people who may have a message waiting */
  private readonly waiting = new Set<number>();
  /** people in a batch under way */
  private readonly inFlight = new Set<number>();
  /** people held by another process, looked at again shortly */
  private readonly held = new Set<number>();
  private readonly waiters = new Map<number, (() => void)[]>();
  private idleWaiters: (() => void)[] = [];
  private active = 0;
  private pumpScheduled = false;

  constructor(private readonly opts: SchedulerOptions) {}

  /** Resolves when this person has nothing more waiting. */
  enqueue(contactId: number): Promise<void> {
    const done = new Promise<void>((resolve) =>
      this.waiters.set(contactId, [...(this.waiters.get(contactId) ?? []), resolve]),
    );
    this.waiting.add(contactId);
    this.pump();
    return done;
  }

  /** Resolves when no batch runs and nobody waits. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.active === 0 && this.waiting.size === 0 && this.held.size === 0;
  }

  /** After the I/O callbacks of this turn of the event loop: people enqueued meanwhile join the batch. */
  private pump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.active < this.opts.concurrency) {
      const batch: number[] = [];
      for (const id of this.waiting) {
        if (this.inFlight.has(id)) continue; // a second turn of theirs waits for the first
        batch.push(id);
        if (batch.length === this.opts.batchSize) break;
      }
      if (batch.length === 0) break;
      for (const id of batch) {
        this.waiting.delete(id);
        this.inFlight.add(id);
      }
      this.active++;
      void this.opts.run(batch).then(({ again, held }) => {
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
    }, this.opts.heldRetryMs);
  }

  private settle(contactId: number): void {
    for (const resolve of this.waiters.get(contactId) ?? []) resolve();
    this.waiters.delete(contactId);
  }
}
