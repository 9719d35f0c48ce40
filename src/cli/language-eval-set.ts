import { z } from "zod";

/** A language-detection set (test/fixtures/language-eval*.json): per locale, messages to name and to ask about. */
export const languageEvalSchema = z.record(
  z.string(),
  z.object({ detect: z.array(z.string()), ask: z.array(z.string()) }),
);
