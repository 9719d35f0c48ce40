// Twilio queues what a sender is given faster than it may send (WhatsApp 10 messages/s per sender, an SMS long
// code 1 segment/s) and answers 429 when its queue is full: a broadcast is paced to the sender's rate instead.

export interface SendRateOptions {
  /** units (messages or SMS segments) per second a sender may take */
  perSecond: number;
  /** after a 429, the rate is cut to this share of what it was, never below `floor` of the configured rate */
  cut?: number;
  floor?: number;
  /** each this many ms without a 429, the rate climbs back by `regain` of the configured rate */
  regainAfterMs?: number;
  regain?: number;
}

interface Pace {
  /** when the next unit may leave (ms since the epoch) */
  next: number;
  perSecond: number;
  lastCutAt: number;
}

/**
 * Pacing per sender (a from number, or a Messaging Service): each send waits for its slot, so the rate holds over
 * any stretch, not only on average. A 429 cuts that sender's rate (multiplicative decrease), quiet time brings it
 * back step by step: Twilio's answer, not our guess, sets the pace when the two differ.
 */
export class SendRate {
  private readonly paces = new Map<string, Pace>();

  constructor(
    private readonly opts: SendRateOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reserves this sender's next slot for `units` (an SMS's segments; 1 for WhatsApp): the ms to wait before sending
   * (the caller waits, so that it can stop waiting when the server stops).
   */
  reserve(sender: string, units = 1): number {
    const pace = this.pace(sender);
    const now = this.now();
    const at = Math.max(pace.next, now);
    pace.next = at + (1000 / pace.perSecond) * units;
    return at - now;
  }

  /** Twilio said 429 for this sender: slower from now on. */
  slowDown(sender: string): void {
    const pace = this.pace(sender);
    const { cut = 0.5, floor = 0.1 } = this.opts;
    pace.perSecond = Math.max(this.opts.perSecond * floor, pace.perSecond * cut);
    pace.lastCutAt = this.now();
    // the queue Twilio just refused needs a moment to drain before the next send
    pace.next = Math.max(pace.next, this.now() + 1000 / pace.perSecond);
  }

  /** the rate this sender is held to now */
  perSecond(sender: string): number {
    return this.pace(sender).perSecond;
  }

  /** the lowest rate any sender is held to now (the configured one when none was cut) */
  slowest(): number {
    return Math.min(this.opts.perSecond, ...[...this.paces.keys()].map((sender) => this.pace(sender).perSecond));
  }

  private pace(sender: string): Pace {
    let pace = this.paces.get(sender);
    if (!pace) {
      pace = { next: 0, perSecond: this.opts.perSecond, lastCutAt: 0 };
      this.paces.set(sender, pace);
    }
    const { regainAfterMs = 10_000, regain = 0.25 } = this.opts;
    const steps = Math.floor((this.now() - pace.lastCutAt) / regainAfterMs);
    if (pace.perSecond < this.opts.perSecond && steps > 0) {
      pace.perSecond = Math.min(this.opts.perSecond, pace.perSecond + this.opts.perSecond * regain * steps);
      pace.lastCutAt += steps * regainAfterMs;
    }
    return pace;
  }
}
