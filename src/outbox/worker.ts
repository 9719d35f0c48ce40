import type { Prisma } from "../db/database.ts";
import type { MessageSender, OutboundMessage } from "../channels/message.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { GroupCommit } from "../db/group-commit.ts";
import { maskNumbers } from "../i18n/mask-numbers.ts";
import { isChannel } from "../channels/profile.ts";
import { reconcile } from "./reconcile.ts";
import {
  type ClaimedReply,
  claimDue,
  forgetFarewell,
  markFailed,
  markRetry,
  markSent,
  recordedSids,
} from "./repository.ts";

export interface OutboxOptions {
  prisma: Prisma;
  sender: MessageSender;
  log: Logger;
  pollMs: number;
  maxAttempts: number;
  batchSize?: number;
  /** send figures for /metrics (src/metrics) */
  metrics?: Pick<Metrics, "sends" | "replyWaitSeconds">;
}

/** 0.5 s, 1 s, 2 s … up to 5 min, with ±20 % jitter so retries from many contacts do not align. */
export function backoffMs(attempt: number): number {
  const base = Math.min(500 * 2 ** Math.max(0, attempt - 1), 300_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

type Sent = { id: number; providerSid: string; status: string };

/** Runs `task` after every earlier task of the same key (the idea of grammY runner's sequentialize). */
function sequential<T>(chains: Map<string, Promise<unknown>>, key: string, task: () => Promise<T>): Promise<T> {
  const run = (chains.get(key) ?? Promise.resolve()).then(task);
  const tail = run.catch(() => undefined);
  chains.set(key, tail);
  void tail.then(() => chains.get(key) === tail && chains.delete(key));
  return run;
}

/**
 * Claims under way at once: while one claim's sends wait for Twilio, the next claim is read and sent. A person's
 * replies still leave one after another: a claim takes only their oldest unsent one (claimDue).
 */
const LANES = 2;

/** Expired leases are looked for this often (a lease is 30 s), not at every claim: under load that is hundreds a second. */
const LEASES_SETTLED_EVERY_MS = 500;

/** Sends queued replies: woken after each turn, polling otherwise (for rows other processes wrote). */
export class OutboxWorker {
  private readonly marks = new GroupCommit(
    async (sent: Sent[]) => {
      await markSent(this.opts.prisma, sent);
      return sent.map(() => undefined);
    },
    // a claim's sends end within a few ms of each other: one statement (and one commit) records most of them,
    // where one per loop turn took five or six a claim in the bench
    { concurrency: 1, lingerMs: 5 },
  );
  /** replies in doubt being looked up and sent, chained by recipient */
  private readonly inDoubt = new Map<string, Promise<unknown>>();
  private stopped = true;
  /** the sleeping lanes' alarms */
  private readonly sleepers = new Set<() => void>();
  private pendingWake = false;
  private lanes: Promise<void>[] = [];
  /** where the next claim looks first (claimDue) */
  private resumeAt = 0;
  private leasesSettledAt = 0;

  constructor(private readonly opts: OutboxOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lanes = Array.from({ length: LANES }, () => this.run());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.lanes);
  }

  wake(): void {
    this.pendingWake = true;
    for (const wakeUp of this.sleepers) wakeUp();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.pendingWake = false;
      let sent = 0;
      try {
        sent = await this.sendBatch();
      } catch (error) {
        this.opts.log.error({ err: error }, "outbox batch failed");
      }
      if (sent === 0 && !this.pendingWake && !this.stopped) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.opts.pollMs);
      this.sleepers.add(done);
    });
  }

  /** One claim and its sends; returns how many rows it handled. */
  async sendBatch(): Promise<number> {
    const { prisma } = this.opts;
    const expiredLeases = Date.now() - this.leasesSettledAt >= LEASES_SETTLED_EVERY_MS;
    if (expiredLeases) this.leasesSettledAt = Date.now();
    const { rows, resumeAt } = await claimDue(prisma, this.opts.batchSize ?? 100, {
      resumeAt: this.resumeAt,
      expiredLeases,
    });
    this.resumeAt = resumeAt;
    await Promise.all(
      rows.map(async (row) => {
        if ((await this.settle(row)) && row.contactId === null) await forgetFarewell(prisma, row.id);
      }),
    );
    return rows.length;
  }

  /** Send one claimed row and record the outcome; true when it is done with (sent or failed for good). */
  private async settle(row: ClaimedReply): Promise<boolean> {
    const { prisma } = this.opts;
    if (!isChannel(row.channel)) {
      await markFailed(prisma, row.id, "channel", `unknown channel ${row.channel}`);
      return true;
    }
    const message: OutboundMessage = {
      channel: row.channel,
      to: row.toAddress,
      from: row.fromAddress,
      text: row.body,
      ...(row.interactive ? { interactive: row.interactive } : {}),
      contentSid: row.contentSid ?? undefined,
      reference: String(row.id),
    };
    // alike replies in doubt to one number (a farewell and a reply after the person wrote again) are looked up
    // and sent one after the other: neither may take the message the other has just sent
    const since = row.doubtSince;
    if (since)
      return sequential(this.inDoubt, `${row.channel}:${row.toAddress}`, () =>
        this.reconcileThenSend(row, message, since),
      );
    return this.send(row, message);
  }

  /** A reply that may have reached Twilio unheard: recorded as sent if Twilio has it, sent otherwise. */
  private async reconcileThenSend(row: ClaimedReply, message: OutboundMessage, since: Date): Promise<boolean> {
    const { prisma, sender, log, metrics } = this.opts;
    const r = await reconcile((sids) => recordedSids(prisma, sids), sender, message, since);
    if (!r.ok) return this.failed(row, { ...r, retryable: true, maybeSent: false });
    if (r.found) {
      metrics?.sends.inc({ result: "found", code: "" });
      log.info({ outboxId: row.id, providerSid: r.found.providerId }, "reply in doubt found at Twilio");
      return this.recordSent({ id: row.id, providerSid: r.found.providerId, status: r.found.status });
    }
    log.info({ outboxId: row.id }, "reply in doubt not at Twilio: sending it");
    return this.send(row, message);
  }

  private async send(row: ClaimedReply, message: OutboundMessage): Promise<boolean> {
    const { sender, metrics } = this.opts;
    const result = await sender.send(message);
    if (result.ok) {
      metrics?.sends.inc({ result: "sent", code: "" });
      metrics?.replyWaitSeconds.observe(Math.max(0, Date.now() - row.queuedAt.getTime()) / 1000);
      return this.recordSent({ id: row.id, providerSid: result.providerId, status: result.status });
    }
    return this.failed(row, { ...result, maybeSent: result.maybeSent ?? false });
  }

  /** A send or a look-up that did not succeed: tried again later, or failed for good. */
  private async failed(
    row: ClaimedReply,
    result: { retryable: boolean; code: string; reason: string; maybeSent: boolean },
  ): Promise<boolean> {
    const { prisma, log, maxAttempts, metrics } = this.opts;
    const retry = result.retryable && row.attempts < maxAttempts;
    metrics?.sends.inc({ result: retry ? "retry" : "failed", code: result.code });
    if (retry) {
      const delay = backoffMs(row.attempts);
      log.warn({ outboxId: row.id, code: result.code, attempt: row.attempts, delay }, "send failed, will retry");
      await markRetry(prisma, { id: row.id, delayMs: delay, error: result.reason, maybeSent: result.maybeSent });
      return false;
    }
    // Twilio's reasons may quote the person's number (21211 "The 'To' number … is not valid"): not in the log
    log.error({ outboxId: row.id, code: result.code, reason: maskNumbers(result.reason) }, "send failed for good");
    await markFailed(prisma, row.id, result.code, result.reason);
    return true;
  }

  /**
   * Twilio has this reply: record it at once (grouped with the others of the next 5 ms), because
   * until it is recorded a crash leaves the row "sending" and the next claim after the lease sends it
   * again. A database error does not make us forget it: we keep trying until it is recorded.
   */
  private async recordSent(sent: Sent): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.marks.add(sent);
        return true;
      } catch (error) {
        if (attempt === 1)
          this.opts.log.error({ err: error, outboxId: sent.id }, "could not record a sent reply, retrying");
        // shutting down with the database gone: say what may be sent twice instead of hanging
        if (this.stopped && attempt >= 5) {
          this.opts.log.error({ outboxId: sent.id }, "sent reply not recorded; it may be sent again");
          return false;
        }
        await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1_000)));
      }
    }
  }
}
