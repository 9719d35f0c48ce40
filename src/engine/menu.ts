import { z } from "zod";

/** One option of a question, as data: each channel shows it its own way (a numbered line, a button, a list item). */
const choiceSchema = z.object({
  label: z.string(),
  /** what a tap on it sends back (Input.payload): answers the question as typing its number does */
  payload: z.string(),
});
export type Choice = z.infer<typeof choiceSchema>;

/**
 * A question's choices and what a channel needs to show them: plain data, stored with the reply in the outbox
 * and read back from there through this schema (the one definition of its shape).
 */
export const menuSchema = z.object({
  choices: z.array(choiceSchema),
  /** the language of the message, and whether it reads right to left */
  language: z.string(),
  rtl: z.boolean(),
  /** the words on a control that opens the choices (a list's button) */
  open: z.string(),
});
export type Menu = z.infer<typeof menuSchema>;
