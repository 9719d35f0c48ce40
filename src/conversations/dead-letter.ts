import type { Database } from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import type { Logger } from "../logger.ts";
import type { HandoffHooks } from "../domain/handoff/hooks.ts";
import { lockContact } from "../domain/contacts/repository.ts";
import { applyPlans } from "../turns/apply-plans.ts";
import { countFailure, unanswered } from "./repository.ts";

export interface DeadLetterDeps {
  db: Database;
  log: Logger;
  handoff: Pick<HandoffHooks, "gaveUp" | "changed">;
  defaultLanguage: string;
  /** failed turns on one message before the bot gives up on it */
  maxAttempts: number;
  onReplies(): void;
}

/** What a one-person turn got to before it failed. */
export interface Attempt {
  /** the message it was on; unknown when it failed before reading it */
  messageId?: number;
  /**
   * the engine's error event: an action or flow failed (the engine answers
   * that itself, but a failed query also breaks the turn's transaction)
   */
  flowError?: string;
}

/** What staff read about why the bot gave up: the last error, its first lines. */
const REASON_MAX = 500;

/**
 * What a failed turn means for its message (a dead-letter queue). The database being away is nobody's
 * fault: the message waits for the sweep, uncounted. Any other failure (an action throwing, a database
 * error of this message's own, a bug) counts against the message; at `maxAttempts` the bot gives up on
 * it: processed, the reason kept for staff, the person told kindly and handed to a person, and their
 * later messages no longer wait behind it. Only a one-person turn's failure is counted: a batch's
 * cannot be pinned on one message, so the processor redoes its people one by one first.
 */
export class DeadLetters {
  constructor(private readonly deps: DeadLetterDeps) {}

  /** A one-person turn failed. True when the bot gave up on its message. Never throws. */
  async failed(contactId: number, attempt: Attempt, error: unknown): Promise<boolean> {
    const { log, maxAttempts } = this.deps;
    const { messageId, flowError } = attempt;
    if (isDatabaseUnavailable(error)) {
      log.warn(
        { err: error, contactId, messageId },
        "turn failed: database unavailable, not counted against the message; the sweep retries it",
      );
      return false;
    }
    if (messageId === undefined) {
      log.error({ err: error, contactId }, "turn failed before its message was read; the sweep retries it");
      return false;
    }
    let failures: number;
    try {
      failures = await countFailure(this.deps.db.prisma, messageId);
    } catch (countError) {
      log.warn({ err: error, contactId, messageId, flowError }, "turn failed; the sweep retries it");
      log.error({ err: countError, contactId, messageId }, "could not count the failed turn");
      return false;
    }
    log.warn(
      { err: error, contactId, messageId, flowError, attempt: failures, maxAttempts },
      "turn failed; the sweep retries it",
    );
    if (failures < maxAttempts) return false;
    try {
      const gaveUp = await this.giveUp(
        contactId,
        messageId,
        staffReason(flowError ? `${flowError} (then ${describe(error)})` : describe(error)),
      );
      if (gaveUp)
        log.error(
          { err: error, contactId, messageId, flowError, attempts: failures },
          "gave up on a message: the person was told and handed to staff",
        );
      return gaveUp;
    } catch (giveUpError) {
      // the message stays unprocessed: its next failure tries again
      log.error({ err: giveUpError, contactId, messageId }, "could not give up on a failing message");
      return false;
    }
  }

  /** Mark the message failed and hand the conversation to a person, under the contact's row lock like a turn. */
  private async giveUp(contactId: number, messageId: number, reason: string): Promise<boolean> {
    let replies = 0;
    const gaveUp = await this.deps.db.prisma.$transaction(
      async (tx) => {
        const contact = await lockContact(tx, contactId);
        if (!contact) return false; // erased meanwhile, this message with them
        const message = await unanswered(tx, messageId);
        if (!message) return false; // answered meanwhile
        const { channel } = contact;
        const language = contact.language ?? this.deps.defaultLanguage;
        const said = await this.deps.handoff.gaveUp(tx, { contactId, channel, language });
        replies = said.length;
        const route = { channel, to: contact.address, from: message.ourAddress };
        // processed with the reason for staff; countFailure counted this failure already
        const failure = { reason, counted: false };
        await applyPlans(tx, [
          {
            contactId,
            send: { route, inReplyToId: messageId, replies: said },
            answered: { messageId, redact: false, personal: false, failure },
          },
        ]);
        return true;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (replies > 0) this.deps.onReplies();
    if (gaveUp) this.deps.handoff.changed(contactId);
    return gaveUp;
  }
}

/** A failure's reason as staff read it on the message: one line, its start. */
export function staffReason(reason: string): string {
  return reason.replace(/\s+/g, " ").trim().slice(0, REASON_MAX);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
