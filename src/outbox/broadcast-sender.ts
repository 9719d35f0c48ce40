// The outbox's broadcast lane: a broadcast's rows leave at each sender's rate (send-rate.ts), one lane per channel,
// while the person's own replies keep their own queue and worker (worker.ts) and are never claimed behind them.
import type { MessageSender, OutboundMessage, SendResult } from "../channels/message.ts";
import { type Channel, CHANNELS, windowOpen } from "../channels/profile.ts";
import type { Prisma } from "../db/database.ts";
import { GroupCommit } from "../db/group-commit.ts";
import { smsSize } from "../i18n/sms-segments.ts";
import { maskNumbers } from "../i18n/mask-numbers.ts";
import type { Logger } from "../logger.ts";
import {
  BROADCAST_LEASE_SECONDS,
  broadcastReference,
  type ClaimedRecipient,
  claimRecipients,
  countThrottled,
  markRecipientFailed,
  markRecipientRetry,
  markRecipientSkipped,
  markRecipientsSent,
  recordedBroadcastSids,
} from "./broadcast-repository.ts";
import { reconcile } from "./reconcile.ts";
import { recordedSids } from "./repository.ts";
import { SendRate } from "./send-rate.ts";
import { backoffMs } from "./worker.ts";

export interface BroadcastRates {
  /** BROADCAST_WHATSAPP_PER_SECOND: messages a second per WhatsApp sender (Twilio's default 10) */
  whatsappPerSecond: number;
  /** BROADCAST_SMS_SEGMENTS_PER_SECOND: SMS segments a second per long code (Twilio's 1) */
  smsSegmentsPerSecond: number;
  /** BROADCAST_SERVICE_SEGMENTS_PER_SECOND: SMS segments a second through the Messaging Service, when one is used */
  serviceSegmentsPerSecond: number;
}

export interface BroadcastSenderOptions {
  prisma: Prisma;
  sender: MessageSender;
  log: Logger;
  pollMs: number;
  maxAttempts: number;
  rates: BroadcastRates;
  /** TWILIO_MESSAGING_SERVICE_SID: every message goes through it, so it is the one sender to pace */
  messagingServiceSid?: string;
  /** BROADCAST_TEMPLATES: language -> approved WhatsApp template with {{1}} for the text, outside the 24-hour window */
  templates: Readonly<Record<string, string>>;
}

type Plan =
  | { ok: true; message: OutboundMessage; via: "text" | "template"; sender: string; units: number }
  | { ok: false; reason: "erased" | "opted_out" | "no_consent" | "never_wrote" | "no_text" | "no_template" };

/** Twilio's "too many requests", as the REST answer's code or its HTTP status */
const THROTTLED = new Set(["20429", "429"]);
/**
 * A batch is what the lane may send in this many seconds at its rate: well within a claim's lease, and a pause
 * stops the sending within about as long (rows already claimed still go).
 */
const BATCH_SECONDS = 1;
const MAX_BATCH = 200;

/** Sends broadcasts' rows; woken when one is queued or resumed, polling otherwise. */
export class BroadcastSender {
  private readonly rates: Record<Channel, SendRate>;
  private readonly marks = new GroupCommit(
    async (sent: { id: number; providerSid: string; via: "text" | "template" }[]) => {
      await markRecipientsSent(this.opts.prisma, sent);
      return sent.map(() => undefined);
    },
    { concurrency: 1 },
  );
  private readonly inFlight = new Set<Promise<void>>();
  /** languages already logged as lacking a template, per broadcast: one line each, not one per person */
  private readonly toldNoTemplate = new Set<string>();
  private stopped = true;
  private wakeUps = new Set<() => void>();
  private lanes: Promise<void>[] = [];

  constructor(private readonly opts: BroadcastSenderOptions) {
    const { rates, messagingServiceSid } = opts;
    this.rates = {
      whatsapp: new SendRate({ perSecond: rates.whatsappPerSecond }),
      sms: new SendRate({
        perSecond: messagingServiceSid ? rates.serviceSegmentsPerSecond : rates.smsSegmentsPerSecond,
      }),
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lanes = CHANNELS.map((channel) => this.lane(channel));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.lanes);
    await Promise.all(this.inFlight);
  }

  wake(): void {
    for (const wakeUp of this.wakeUps) wakeUp();
  }

  private async lane(channel: Channel): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = await this.sendBatch(channel);
      } catch (error) {
        this.opts.log.error({ err: error, channel }, "broadcast batch failed");
      }
      if (claimed === 0 && !this.stopped) await this.sleep(this.opts.pollMs);
    }
  }

  /** Waits `ms`, or less when woken (a broadcast queued, the server stopping). */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUps.add(done);
    });
  }

  /** One claim, each row paced to its sender's slot; the sends run on while the next claim is made. */
  async sendBatch(channel: Channel): Promise<number> {
    const { prisma } = this.opts;
    const rate = this.rates[channel];
    const size = Math.min(MAX_BATCH, Math.max(1, Math.floor(rate.slowest() * BATCH_SECONDS)));
    const rows = await claimRecipients(prisma, channel, size);
    // leave a margin of the lease: a row still waiting for its slot then is handed back, not sent late
    const leaseEnds = Date.now() + BROADCAST_LEASE_SECONDS * 800;
    for (const row of rows) {
      const plan = this.plan(row);
      if (!plan.ok) {
        await markRecipientSkipped(prisma, row.id, plan.reason);
        continue;
      }
      if (!this.stopped && Date.now() < leaseEnds) {
        // its slot: a wake-up (another broadcast queued) does not cut the wait short, stopping does
        const slot = Date.now() + rate.reserve(plan.sender, plan.units);
        while (!this.stopped && Date.now() < slot) await this.sleep(slot - Date.now());
      }
      if (this.stopped || Date.now() >= leaseEnds) {
        await markRecipientRetry(prisma, { id: row.id, delayMs: 0, maybeSent: false });
        continue;
      }
      const sending = this.deliver(row, plan).catch((err: unknown) =>
        this.opts.log.error({ err, recipientId: row.id }, "broadcast send not recorded"),
      );
      this.inFlight.add(sending);
      void sending.finally(() => this.inFlight.delete(sending));
    }
    return rows.length;
  }

  /** What this row becomes now: consent and the 24-hour window are read at sending, not at queueing. */
  private plan(row: ClaimedRecipient): Plan {
    if (row.contactId === null || row.address === null) return { ok: false, reason: "erased" };
    if (row.optedOut) return { ok: false, reason: "opted_out" };
    if (row.updatesConsent === false) return { ok: false, reason: "no_consent" };
    if (!row.ourAddress) return { ok: false, reason: "never_wrote" };
    const text = row.texts[row.textLanguage];
    if (!text) return { ok: false, reason: "no_text" };
    const message: OutboundMessage = {
      channel: row.channel,
      to: row.address,
      from: row.ourAddress,
      text,
      reference: broadcastReference(row.id),
    };
    const sender = this.opts.messagingServiceSid ?? row.ourAddress;
    const units = row.channel === "sms" ? Math.max(1, smsSize(text).segments) : 1;
    if (windowOpen(row.channel, row.lastInboundAt, new Date()))
      return { ok: true, message, via: "text", sender, units };
    const contentSid = this.opts.templates[row.textLanguage];
    if (!contentSid) {
      const key = `${row.broadcastId}:${row.textLanguage}`;
      if (!this.toldNoTemplate.has(key)) {
        this.toldNoTemplate.add(key);
        this.opts.log.warn(
          { broadcastId: row.broadcastId, language: row.textLanguage },
          "broadcast not sent outside the 24-hour window: no WhatsApp template (BROADCAST_TEMPLATES) for the language",
        );
      }
      return { ok: false, reason: "no_template" };
    }
    return {
      ok: true,
      message: { ...message, contentSid, contentVariables: { "1": text } },
      via: "template",
      sender,
      units,
    };
  }

  private async deliver(row: ClaimedRecipient, plan: Extract<Plan, { ok: true }>): Promise<void> {
    const { sender } = this.opts;
    if (row.doubtSince) {
      // an attempt cut off by a crash may have reached Twilio: look it up before sending again
      const found = await reconcile((sids) => this.recorded(sids), sender, plan.message, row.doubtSince);
      if (!found.ok) return this.failed(row, plan, { ...found, retryable: true, maybeSent: false });
      if (found.found) return this.marks.add({ id: row.id, providerSid: found.found.providerId, via: plan.via });
    }
    const result = await sender.send(plan.message);
    if (result.ok) return this.marks.add({ id: row.id, providerSid: result.providerId, via: plan.via });
    return this.failed(row, plan, { ...result, maybeSent: result.maybeSent ?? false });
  }

  /** ids Twilio holds that some row records already, of either lane */
  private async recorded(sids: string[]): Promise<Set<string>> {
    const [replies, broadcasts] = await Promise.all([
      recordedSids(this.opts.prisma, sids),
      recordedBroadcastSids(this.opts.prisma, sids),
    ]);
    return new Set([...replies, ...broadcasts]);
  }

  private async failed(
    row: ClaimedRecipient,
    plan: Extract<Plan, { ok: true }>,
    result: Extract<SendResult, { ok: false }> & { maybeSent: boolean },
  ): Promise<void> {
    const { prisma, log, maxAttempts } = this.opts;
    const throttled = THROTTLED.has(result.code);
    if (throttled) {
      // Twilio's queue for this sender is full: slower from now on, and this one again once it drains
      this.rates[row.channel].slowDown(plan.sender);
      await countThrottled(prisma, row.broadcastId);
    }
    if (result.retryable && (throttled || row.attempts < maxAttempts)) {
      const delayMs = throttled ? 1000 / this.rates[row.channel].perSecond(plan.sender) : backoffMs(row.attempts);
      await markRecipientRetry(prisma, { id: row.id, delayMs, maybeSent: result.maybeSent });
      return;
    }
    // Twilio's reasons may quote the person's number: not in the log
    log.warn(
      { recipientId: row.id, code: result.code, reason: maskNumbers(result.reason) },
      "broadcast send failed for good",
    );
    await markRecipientFailed(prisma, row.id, result.code);
  }
}
