import { z } from "zod";
import { isLanguageCode } from "../i18n/language-code.ts";

/**
 * The languages a staff member works in, as typed by an admin or given to staff:add: codes separated by
 * commas or spaces ("ar, fa"), lower-cased, each once; empty is none.
 */
export const staffLanguagesSchema = z
  .string()
  .max(200)
  .transform((s) => [
    ...new Set(
      s
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ])
  .refine((codes) => codes.every(isLanguageCode), "language codes such as ar, fa, uk (ISO 639-1)");
