import { z } from "zod";
import { defineAction } from "../engine/index.ts";
import { type DetectOptions, detectLanguage, scriptOf } from "../i18n/detect-language.ts";
import type { LocaleTexts } from "../i18n/texts.ts";
import type { ActionTable } from "./action-set.ts";

/** `detection`: every locale's words for every language (languageNames) and the second voice, following a publish. */
export function languageActions(texts: Pick<LocaleTexts, "languages">, detection: DetectOptions): ActionTable {
  return {
    /**
     * guess the language of the person's first message; the flow always has the person confirm it. Its
     * script (`first_script`) lets the language list offer that script's languages first.
     */
    detect_language: defineAction({
      params: z.strictObject({}),
      outcomes: ["detected", "unsure"],
      sets: ["first_script", "detected_language"],
      run: async ({ input }) => {
        const text = input?.text ?? "";
        const d = detectLanguage(text, texts.languages, detection);
        const script = scriptOf(text);
        const values = script ? { first_script: script } : undefined;
        return d.ok
          ? { outcome: "detected", language: d.language, values: { ...values, detected_language: d.language } }
          : { outcome: "unsure", values };
      },
    }),
  };
}
