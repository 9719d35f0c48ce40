import type { InboundMessage } from "../channels/message.ts";
import type { Prisma } from "../db/database.ts";
import { type Accepted, acceptInbound } from "./repository.ts";

interface Waiting {
  message: InboundMessage;
  resolve(a: Accepted): void;
  reject(error: unknown): void;
}

/**
 * Stores webhooks' messages in groups (group commit): while one INSERT is under way, the messages
 * arriving meanwhile gather and go in the next. Under load a webhook waits for one statement instead
 * of queueing behind hundreds; alone it goes at once. A failing group is retried message by message,
 * so one bad message fails only its own webhook.
 */
export class InboundQueue {
  private queue: Waiting[] = [];
  private flushing = 0;

  constructor(private readonly prisma: Prisma, private readonly opts: { concurrency: number; maxBatch?: number }) {}

  accept(message: InboundMessage): Promise<Accepted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.scheduleFlush();
    });
  }

  private flushScheduled = false;

  /** After the I/O callbacks of this turn of the event loop, so the webhooks read together go together. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => { this.flushScheduled = false; this.flush(); });
  }

  private flush(): void {
    while (this.flushing < this.opts.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch ?? 200);
      this.flushing++;
      void this.store(batch).finally(() => {
        this.flushing--;
        this.flush();
      });
    }
  }

  private async store(batch: Waiting[]): Promise<void> {
    try {
      const results = await acceptInbound(this.prisma, batch.map((w) => w.message));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) await this.store([w]);
    }
  }
}
