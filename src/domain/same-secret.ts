import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Whether a secret someone sent (a bearer token, an API key, a CSRF token) is the one we keep. Both are hashed
 * first: digests have one length, so the comparison takes the same time whatever was sent, its length too.
 * Nothing kept (a feature off) matches nothing.
 */
export const sameSecret = (given: string | undefined, expected: string | undefined): boolean =>
  !!given && !!expected && timingSafeEqual(digest(given), digest(expected));
