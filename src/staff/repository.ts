import type { Prisma } from "../db/database.ts";
import { type Role, roleSchema } from "../domain/roles.ts";

export function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.staffUser.findUnique({ where: { email } });
}

/**
 * Creates the account, or resets an existing one's role and password (how `staff:add` resets a password).
 * A reset ends the account's sessions: one usually resets because the old password leaked.
 */
export async function createUser(
  prisma: Prisma,
  user: { email: string; role: Role; passwordHash: string; languages?: string[]; partnerId?: number | null },
) {
  return prisma.$transaction(async (tx) => {
    const saved = await tx.staffUser.upsert({
      where: { email: user.email },
      create: user,
      update: {
        role: user.role,
        passwordHash: user.passwordHash,
        partnerId: user.partnerId ?? null,
        active: true,
        ...(user.languages ? { languages: user.languages } : {}),
      },
    });
    await tx.staffSession.deleteMany({ where: { staffUserId: saved.id } });
    return { ...saved, role: roleSchema.parse(saved.role) };
  });
}

export async function createSession(
  prisma: Prisma,
  s: { id: string; staffUserId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await prisma.staffSession.create({ data: s });
}

// a session counts while it has not expired and its user is not disabled
const live = () => ({ expiresAt: { gt: new Date() }, staffUser: { active: true } });

/** A live session and its user; expired sessions and disabled users count as none. */
export function findSession(prisma: Prisma, id: string) {
  return prisma.staffSession.findFirst({
    where: { id, ...live() },
    select: {
      id: true,
      csrfToken: true,
      staffUser: {
        select: { id: true, email: true, role: true, totpSecret: true, languages: true, locale: true, partnerId: true },
      },
    },
  });
}

/** Which of these sessions still count (the live events streams check theirs on each tick). */
export async function liveSessions(prisma: Prisma, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await prisma.staffSession.findMany({ where: { id: { in: ids }, ...live() }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export async function deleteSession(prisma: Prisma, id: string): Promise<void> {
  await prisma.staffSession.deleteMany({ where: { OR: [{ id }, { expiresAt: { lt: new Date() } }] } });
}

export function listUsers(prisma: Prisma) {
  return prisma.staffUser.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      role: true,
      active: true,
      createdAt: true,
      totpSecret: true,
      languages: true,
      partner: { select: { name: true } },
    },
  });
}

export async function userEmail(prisma: Prisma, id: number): Promise<string | undefined> {
  return (await prisma.staffUser.findUnique({ where: { id }, select: { email: true } }))?.email;
}

/** Disabling an account also ends its sessions at once. */
export async function setActive(prisma: Prisma, id: number, active: boolean): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({ where: { id }, data: { active } });
    if (!active) await tx.staffSession.deleteMany({ where: { staffUserId: id } });
    return count === 1;
  });
}

/** The account's two-factor secret and the last time step it accepted. */
export function setTotp(prisma: Prisma, id: number, totpSecret: string | null, totpStep: number | null = null) {
  return prisma.staffUser.update({ where: { id }, data: { totpSecret, totpStep } });
}

export function setLocale(prisma: Prisma, id: number, locale: string) {
  return prisma.staffUser.update({ where: { id }, data: { locale } });
}

/**
 * Takes the code's time step unless it (or a later one) was taken already: a code is good once, also across processes.
 */
export async function takeTotpStep(prisma: Prisma, id: number, step: number): Promise<boolean> {
  const { count } = await prisma.staffUser.updateMany({
    where: { id, OR: [{ totpStep: null }, { totpStep: { lt: step } }] },
    data: { totpStep: step },
  });
  return count === 1;
}

/** A device for the account; the account's devices whose cookie has expired (given before `expiredBefore`) go. */
export async function addDevice(prisma: Prisma, id: string, staffUserId: number, expiredBefore: Date): Promise<void> {
  await prisma.$transaction([
    prisma.staffDevice.deleteMany({ where: { staffUserId, createdAt: { lt: expiredBefore } } }),
    prisma.staffDevice.create({ data: { id, staffUserId } }),
  ]);
}

/** The account a device cookie was given to, if any and not expired. */
export async function deviceOwner(prisma: Prisma, id: string, expiredBefore: Date): Promise<string | undefined> {
  const d = await prisma.staffDevice.findUnique({
    where: { id },
    select: { createdAt: true, staffUser: { select: { email: true } } },
  });
  return d && d.createdAt >= expiredBefore ? d.staffUser.email : undefined;
}

export function findThrottle(prisma: Prisma, email: string) {
  return prisma.signInThrottle.findUnique({ where: { email } });
}

/**
 * Takes the next attempt for this email if its wait is over, moving the wait on as if it failed: of
 * attempts sent together only one goes through, in every process. False: wait.
 */
export async function claimAttempt(
  prisma: Prisma,
  email: string,
  seen: { failures: number; nextAttemptAt: Date },
  nextAttemptAt: Date,
): Promise<boolean> {
  const { count } = await prisma.signInThrottle.updateMany({
    where: { email, failures: seen.failures, nextAttemptAt: { equals: seen.nextAttemptAt, lte: new Date() } },
    data: { nextAttemptAt },
  });
  return count === 1;
}

/** One more failure; `wait(failures)` is how long the next attempt waits. */
export async function recordFailure(
  prisma: Prisma,
  email: string,
  forgetBefore: Date,
  wait: (failures: number) => number,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    // the table holds whatever emails guessers type: what is forgotten goes as new failures come
    await tx.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: forgetBefore }, email: { not: email } } });
    const old = await tx.signInThrottle.findUnique({ where: { email } });
    const failures = old && old.lastFailureAt >= forgetBefore ? old.failures + 1 : 1;
    const data = { failures, lastFailureAt: now, nextAttemptAt: new Date(now.getTime() + wait(failures)) };
    await tx.signInThrottle.upsert({ where: { email }, create: { email, ...data }, update: data });
    return failures;
  });
}

export async function clearThrottle(prisma: Prisma, email: string): Promise<boolean> {
  const { count } = await prisma.signInThrottle.deleteMany({ where: { email } });
  return count > 0;
}

/** The failed sign-ins of these emails still remembered (the accounts page shows them). */
export function throttlesOf(prisma: Prisma, emails: string[], forgetBefore: Date) {
  return prisma.signInThrottle.findMany({ where: { email: { in: emails }, lastFailureAt: { gte: forgetBefore } } });
}

/** The languages an account works in (the inbox's "my languages"). */
export async function setLanguages(prisma: Prisma, id: number, languages: string[]): Promise<boolean> {
  const { count } = await prisma.staffUser.updateMany({ where: { id }, data: { languages } });
  return count === 1;
}

/** This person's own number (a broadcast's test goes to it); "" when none is kept. */
export async function staffPhone(prisma: Prisma, id: number): Promise<string> {
  return (await prisma.staffUser.findUnique({ where: { id }, select: { phone: true } }))?.phone ?? "";
}

export async function setStaffPhone(prisma: Prisma, id: number, phone: string): Promise<void> {
  await prisma.staffUser.update({ where: { id }, data: { phone } });
}
