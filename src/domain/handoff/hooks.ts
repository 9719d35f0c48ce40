// What a turn asks of the handoff module: the conversation processor (src/conversations) calls these hooks
// and the handoff service implements them, so the service needs nothing from the processor.
import type { Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";
import type { EngineEvent } from "../../engine/index.ts";

/** Where a turn's replies go, and in which language. */
export interface ReplyTarget {
  contactId: number;
  channel: Channel;
  to: string;
  from: string;
  language: string;
  inReplyToId: number | undefined;
}

/**
 * Where the bot resumes after a caseworker's deed: the contact the deed locked and read, and the
 * person's latest message (the Turn of the actions belongs to it, as no new message started it).
 */
export interface MenuTarget extends Omit<ReplyTarget, "language" | "inReplyToId"> {
  language: string | null;
  optedOut: boolean;
  latestMessageId: number;
}

/** What the handoff module does inside a turn (src/domain/handoff); each returns how many replies it queued. */
export interface HandoffHooks {
  /** the engine asked for a person: change the conversation's state and tell the person when to expect one */
  requested(tx: Tx, target: ReplyTarget, event: Extract<EngineEvent, { type: "handoff_requested" }>): Promise<number>;
  /** a message came while a person answers; the bot stays silent */
  received(tx: Tx, target: ReplyTarget, text: string, urgent: boolean): Promise<number>;
  /** the person sent STOP while a person answered */
  stopped(tx: Tx, contactId: number): Promise<void>;
  /**
   * the bot gave up on the person's message (its turn kept failing,
   * or an action failed and no flow handled it): a person takes over
   */
  gaveUp(tx: Tx, target: ReplyTarget): Promise<number>;
  /** after the turn committed: the staff inbox may show it */
  changed(contactId: number): void;
}
