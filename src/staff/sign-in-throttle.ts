import type { Prisma } from "../db/database.ts";
import { claimAttempt, clearThrottle, findThrottle, recordFailure, throttlesOf } from "./repository.ts";

/** Failures before the first wait. */
const FREE_FAILURES = 3;
/** The longest wait, reached at the account's limit (STAFF_LOGIN_LIMIT failures). */
export const MAX_WAIT_MS = 15 * 60_000;
/** Failures are forgotten a day after the last one. */
const FORGET_MS = 24 * 3600_000;

/**
 * How long the next attempt waits after `failures`: none for
 * the first few, then 2 s doubling, 15 min from the limit on.
 */
export function waitAfter(failures: number, limit: number): number {
  if (failures < FREE_FAILURES) return 0;
  if (failures >= limit) return MAX_WAIT_MS;
  return Math.min(MAX_WAIT_MS, 2000 * 2 ** (failures - FREE_FAILURES));
}

export type Admission = { ok: true } | { ok: false; waitMs: number };

/**
 * Per-account slowing of password guessing, shared by every process through the database. It never
 * locks anyone out: a known device (one this account signed in from) is always let through, and anyone
 * else gets the next attempt once the wait is over, when a right password signs in. A wrong one makes
 * the next wait longer. Emails that have no account are slowed the same way, so nothing tells them apart.
 */
export function signInThrottle(prisma: Prisma, limit: number) {
  const forgetBefore = () => new Date(Date.now() - FORGET_MS);
  return {
    /** Whether this attempt may check a password now. */
    async admit(email: string, knownDevice: boolean): Promise<Admission> {
      if (knownDevice) return { ok: true };
      const t = await findThrottle(prisma, email);
      if (!t || t.lastFailureAt < forgetBefore() || t.failures < FREE_FAILURES - 1) return { ok: true };
      const waitMs = t.nextAttemptAt.getTime() - Date.now();
      // taken as if it fails, so guesses sent together at the end of a wait get one try between them
      if (
        waitMs <= 0 &&
        (await claimAttempt(prisma, email, t, new Date(Date.now() + waitAfter(t.failures + 1, limit))))
      )
        return { ok: true };
      return { ok: false, waitMs: Math.max(waitMs, 1000) };
    },
    failed: (email: string) => recordFailure(prisma, email, forgetBefore(), (failures) => waitAfter(failures, limit)),
    /** A right password (and code) forgets the failures; so does an admin. */
    clear: (email: string) => clearThrottle(prisma, email),
    /** The accounts' remembered failures, by email. */
    async of(emails: string[]) {
      return new Map((await throttlesOf(prisma, emails, forgetBefore())).map((t) => [t.email, t]));
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
