import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: a reference is read out on the phone and typed on small keyboards.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 5;

/** A short reference such as N-7K3P9: random, so nobody can guess another person's by counting. */
export function newNeedReference(): string {
  let code = "";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `N-${code}`;
}

export const NEED_REFERENCE = /^N-[2-9A-HJKMNP-Z]{5}$/;
