// What a turn writes, as data: the bot's turns, caseworkers' deeds and dead letters all describe their writes
// as plans, and apply-plans.ts writes them, so each row has one way of being written.
import type { Interactive } from "../channels/message.ts";
import type { Channel } from "../channels/profile.ts";
import type { JourneyEvent } from "../engine/index.ts";

/** What the transcript keeps instead of a secret the person typed or was told. */
export const REDACTED = "[redacted]";

/** The one redaction rule: the transcript's copy of a text marked sensitive (a reply to a secret question, a secret said). */
export const transcriptText = (text: string, redact: boolean): string => (redact ? REDACTED : text);

/** A message to the person; where it goes is its plan's. */
export interface Outgoing {
  /** as plain text (a question's choices numbered under it): what the transcript keeps and SMS sends */
  text: string;
  /** the question with its choices as data, for a channel that shows them its own way (WhatsApp) */
  interactive?: Interactive;
  redact: boolean;
  /** the caseworker who wrote it (none: the bot) */
  staffUserId?: number;
  /** an approved WhatsApp template sent instead of the text (outside the 24-hour window) */
  contentSid?: string;
}

/** What a turn changes on the contact; a notice shown and a consent given are stored with when. */
export interface ContactChanges {
  language?: string;
  optedOut?: boolean;
  noticeVersion?: number;
  updatesConsent?: boolean;
}

/** The person's message the turn dealt with: answered (processed), marked as its turn says. */
export interface Answered {
  messageId: number;
  /** the transcript keeps [redacted] instead of its text (a reply to a secret question) */
  redact: boolean;
  /** the person's own words (an `ask` with `personal`): retention empties them */
  personal: boolean;
  /** why the bot failed on it, for staff; `counted`: this failure counts as one of its failed attempts */
  failure?: { reason: string; counted: boolean };
}

/** Messages to the person: where they go, and what they answer. */
export interface Sending {
  /** the person's channel and number, and our number they wrote to */
  route: { channel: Channel; to: string; from: string };
  /** the person's message they answer (none when a caseworker writes or hands back) */
  inReplyToId?: number;
  replies: Outgoing[];
  /**
   * the person is erasing their data: these are their last replies, outbox rows tied to no contact and no
   * transcript, so they outlive the erasure (the outbox deletes them once sent)
   */
  farewell?: boolean;
}

/** Where the person went in the turn (the funnels' rows), with the language and channel they are counted under. */
export interface Journey {
  events: JourneyEvent[];
  /** the person's language after the turn; null while not known */
  language: string | null;
  channel: Channel;
}

/** Everything one turn (or one staff deed, or a dead letter) writes for one person, in the caller's transaction. */
export interface TurnPlan {
  contactId: number;
  send?: Sending;
  answered?: Answered;
  /** the engine's session after the turn, stored as is; undefined: unchanged */
  session?: object;
  contact?: ContactChanges;
  journey?: Journey;
}
