import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;

// the dictionaries are large: read on the first password checked, not at start-up
let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  }));

/**
 * Why a staff password is refused, or undefined. zxcvbn estimates how many guesses it takes (common
 * passwords, words, keyboard walks, dates, the person's own email); under score 3 (about 10^8 guesses) is too few.
 */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  const r = zxcvbn().check(password, [email, ...email.split(/[@.]/), "haven", "staff"]);
  if (r.score >= 3) return undefined;
  const advice = [r.feedback.warning, ...r.feedback.suggestions].filter(Boolean).join(" ");
  return `This password is too easy to guess.${advice ? ` ${advice}` : ""} A few unrelated words make a strong one.`;
}
