import { z } from "zod";

// The conversation's status, Chatwoot-like: who answers the person now. Every change goes through
// `transition` in repository.ts, under the contact's row lock, as one of these moves.

const STATUSES = ["bot", "waiting_for_person", "with_person", "closed"] as const;
export type Status = (typeof STATUSES)[number];
/** Conversation.status as read from the database (a CHECK constraint holds it to these) */
export const statusSchema = z.enum(STATUSES);

export const MOVES = {
  /** the person asked, the bot kept misunderstanding, a risk was named, or the bot gave up on a message */
  escalate: { from: ["bot", "closed"], to: "waiting_for_person" },
  /** a caseworker takes it: only one can */
  take: { from: ["waiting_for_person"], to: "with_person" },
  /** the bot answers again, from the main menu */
  hand_back: { from: ["waiting_for_person", "with_person"], to: "bot" },
  /** to a colleague (a waiting one is assigned, a taken one passed on): the status says someone answers */
  transfer: { from: ["waiting_for_person", "with_person"], to: "with_person" },
  /** done; the person's next message starts with the bot */
  close: { from: ["waiting_for_person", "with_person"], to: "closed" },
} as const satisfies Record<string, { from: readonly Status[]; to: Status }>;
export type Move = keyof typeof MOVES;

/** Whether a conversation in this status may make this move: the one question the service and the pages ask. */
export const canMove = (status: Status, move: Move): boolean => MOVES[move].from.some((from) => from === status);

/** While a person answers (or is about to), the bot sends nothing automatic; the staff inbox lists these. */
export const PERSON_ANSWERS = ["waiting_for_person", "with_person"] as const satisfies readonly Status[];
export const personAnswers = (status: Status): boolean => PERSON_ANSWERS.some((s) => s === status);
