import { z } from "zod";
import { referencePattern } from "../reference.ts";

/** confidential: a complaint about a staff member or partner, read by the protection role only */
export const FEEDBACK_KINDS = ["feedback", "complaint", "confidential"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** new -> in_review -> closed; the person hears the status when they quote the reference */
export const FEEDBACK_STATUSES = ["new", "in_review", "closed"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const feedbackStatusSchema = z.enum(FEEDBACK_STATUSES);

export const FEEDBACK_PREFIX = "F";
export const FEEDBACK_REFERENCE = referencePattern(FEEDBACK_PREFIX);

/** What a flow hands to save_feedback: the person's answers, as session variables. */
export const feedbackAnswersSchema = z.object({
  kind: z.enum(FEEDBACK_KINDS),
  text: z.string(),
});
