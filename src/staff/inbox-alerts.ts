import type { Prisma } from "../db/database.ts";
import { type InboxAlert, inboxAlertsSince } from "../domain/handoff/inbox-alerts.ts";
import type { Logger } from "../logger.ts";

/** Each check looks back this far more than since the last one: a slow transaction commits late, clocks differ. */
const OVERLAP_MS = 15_000;
/** How long a told key is remembered: an urgent conversation touched by each new message is told once in this time. */
const REMEMBER_MS = 3600_000;

/**
 * Finds the inbox's news (src/domain/handoff/inbox-alerts.ts) for the open live streams, each item once:
 * checked when this process changed a conversation and at each poll (another process's changes).
 * Checks run one at a time; one asked for meanwhile runs after.
 */
export class InboxAlerts {
  private since = new Date();
  private readonly told = new Map<string, number>();
  private running = false;
  private again = false;

  constructor(
    private readonly prisma: Prisma,
    private readonly send: (alert: InboxAlert) => void,
    private readonly log: Logger,
  ) {}

  /** The first stream opened: only what happens from now on is news. */
  start(): void {
    this.since = new Date();
    this.told.clear();
  }

  check(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const asked = Date.now();
    inboxAlertsSince(this.prisma, new Date(this.since.getTime() - OVERLAP_MS))
      .then((alerts) => {
        for (const a of alerts)
          if (!this.told.has(a.key)) {
            this.told.set(a.key, asked);
            this.send(a);
          }
        this.since = new Date(asked);
        for (const [key, at] of this.told) if (at < asked - REMEMBER_MS) this.told.delete(key);
      })
      .catch((err) => this.log.warn({ err }, "inbox alerts check failed"))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.check();
        }
      });
  }
}
