// What a turn asks of the handoff module: the conversation processor (src/conversations) calls these hooks
// and the handoff service implements them, so the service needs nothing from the processor.
import type { Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";
import type { HandoffReason } from "../../engine/index.ts";
import type { Outgoing, Sending } from "../../turns/plan.ts";

/** Whose conversation a turn's handoff concerns, and the channel and language its words to them take. */
export interface HandoffPerson {
  contactId: number;
  channel: Channel;
  language: string;
}

/**
 * Where the bot resumes after a caseworker's deed: the contact the deed locked and read, and the
 * person's latest message (the Turn of the actions belongs to it, as no new message started it).
 */
export interface MenuTarget {
  contactId: number;
  route: Sending["route"];
  language: string | null;
  optedOut: boolean;
  latestMessageId: number;
}

/**
 * What the handoff module does inside a turn (src/domain/handoff): it moves the conversation's state and
 * returns the messages the person gets, which the turn's plan writes after its own.
 */
export interface HandoffHooks {
  /** the engine asked for a person: change the conversation's state and tell the person when to expect one */
  requested(tx: Tx, person: HandoffPerson, why: { urgent: boolean; reason: HandoffReason }): Promise<Outgoing[]>;
  /** a message came while a person answers; the bot stays silent (but for the emergency contacts) */
  received(tx: Tx, person: HandoffPerson, text: string, urgent: boolean): Promise<Outgoing[]>;
  /** the person sent STOP while a person answered */
  stopped(tx: Tx, contactId: number): Promise<void>;
  /**
   * the bot gave up on the person's message (its turn kept failing,
   * or an action failed and no flow handled it): a person takes over
   */
  gaveUp(tx: Tx, person: HandoffPerson): Promise<Outgoing[]>;
  /** after the turn committed: the staff inbox may show it */
  changed(contactId: number): void;
}
