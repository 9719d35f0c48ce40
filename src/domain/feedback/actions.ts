import { z } from "zod";
import type { ActionTable, Turn } from "../action-set.ts";
import { defineAction } from "../../engine/index.ts";
import { FEEDBACK_PREFIX, FEEDBACK_STATUSES, feedbackAnswersSchema } from "./feedback.ts";
import { createFeedback, feedbackStatusOf } from "./repository.ts";

export const feedbackActions: ActionTable = {
  /**
   * params: kind, text. Stores the feedback or complaint; gives the flow `feedback_reference`.
   * saved_confidential: the person is told that only the protection team reads it.
   */
  save_feedback: defineAction({
    params: feedbackAnswersSchema,
    outcomes: ["saved", "saved_confidential"],
    sets: ["feedback_reference"],
    run: async ({ params: { kind, text }, language }, turn: Turn) => {
      const saved = await createFeedback(turn.tx, {
        contactId: turn.contactId,
        kind,
        text: text.trim(),
        language,
        channel: turn.channel,
      });
      return {
        outcome: kind === "confidential" ? "saved_confidential" : "saved",
        values: { feedback_reference: saved.reference },
      };
    },
  }),
  /**
   * params: reference (F-XXXXX as typed: spaces and the dash optional). Routes by the status of the person's
   * own feedback; gives the flow the reference written the usual way.
   */
  feedback_status: defineAction({
    params: z.object({ reference: z.string() }),
    outcomes: [...FEEDBACK_STATUSES, "not_found"],
    sets: ["feedback_reference"],
    run: async ({ params: { reference } }, turn: Turn) => {
      const written = `${FEEDBACK_PREFIX}-${reference.replace(/[\s-]/g, "").slice(1)}`;
      const status = await feedbackStatusOf(turn.tx, turn.contactId, written);
      return { outcome: status ?? "not_found", values: { feedback_reference: written } };
    },
  }),
};
