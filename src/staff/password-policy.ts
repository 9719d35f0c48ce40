import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export const MIN_PASSWORD_LENGTH = 12;

// the dictionaries are ~12 MB of heap: imported on the first password checked, not at start-up, where every full
// garbage collection under load would mark them again (a few times a second)
let estimator: Promise<ZxcvbnFactory> | undefined;
const zxcvbn = () =>
  (estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([{ ZxcvbnFactory }, common, english]) =>
      new ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
  ));

/**
 * Why a staff password is refused, or undefined. zxcvbn estimates how many guesses it takes (common
 * passwords, words, keyboard walks, dates, the person's own email); under score 3 (about 10^8 guesses) is too few.
 */
export async function passwordProblem(password: string, email: string): Promise<string | undefined> {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  const r = (await zxcvbn()).check(password, [email, ...email.split(/[@.]/), "haven", "staff"]);
  if (r.score >= 3) return undefined;
  const advice = [r.feedback.warning, ...r.feedback.suggestions].filter(Boolean).join(" ");
  return `This password is too easy to guess.${advice ? ` ${advice}` : ""} A few unrelated words make a strong one.`;
}
