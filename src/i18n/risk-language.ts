import type { ChooseLanguage } from "../engine/index.ts";
import { type DetectOptions, detectLanguage, guessLanguage } from "./detect-language.ts";

/**
 * Which of several languages whose risk words a new person's message carries to answer in (en and fr
 * share "violence", fa, ps and ur "خودکشی", ru and uk list each other's words). The welcome's detection
 * decides first. Failing that, the detector's best guess among the languages of the message's script,
 * unless the default language is one of them: then none, the default answers and the person confirms
 * their language later (a weak guess is no better than the default there, and may be one they cannot read).
 */
export function riskLanguageChooser(defaultLanguage: string, opts: DetectOptions = {}): ChooseLanguage {
  return (text, candidates) => {
    const d = detectLanguage(text, candidates, opts);
    if (d.ok) return d.language;
    return d.candidates.includes(defaultLanguage) ? undefined : guessLanguage(text, d.candidates);
  };
}
