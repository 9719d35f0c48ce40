import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: a reference is read out on the phone and typed on small keyboards.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 5;
/** Tries before giving up on a free reference; with 31^5 codes a clash is already rare. */
const TRIES = 5;

/** A short reference such as N-7K3P9 (a need) or F-7K3P9 (feedback): random, so nobody can guess another's by counting. */
export function newReference(prefix: string): string {
  let code = "";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${code}`;
}

/** A reference as long as every real one, in the same letters: to measure a text that will hold one. */
export const sampleReference = (prefix: string): string => `${prefix}-${ALPHABET[0]!.repeat(LENGTH)}`;

/** The shape of the prefix's references. */
export const referencePattern = (prefix: string) => new RegExp(`^${prefix}-[2-9A-HJKMNP-Z]{${LENGTH}}$`);

/**
 * A reference nobody holds yet. Checked before inserting: a failed insert would abort the whole turn's
 * transaction.
 */
export async function freeReference(prefix: string, taken: (reference: string) => Promise<boolean>): Promise<string> {
  for (let i = 0; i < TRIES; i++) {
    const reference = newReference(prefix);
    if (!(await taken(reference))) return reference;
  }
  throw new Error(`no free ${prefix}- reference after ${TRIES} tries`);
}
