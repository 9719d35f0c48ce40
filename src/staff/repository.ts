import type { Prisma } from "../db/database.ts";

export function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.staffUser.findUnique({ where: { email } });
}

/**
 * Creates the account, or resets an existing one's role and password (how `staff:add` resets a password).
 * A reset ends the account's sessions: one usually resets because the old password leaked.
 */
export async function createUser(prisma: Prisma, user: { email: string; role: string; passwordHash: string }) {
  return prisma.$transaction(async (tx) => {
    const saved = await tx.staffUser.upsert({ where: { email: user.email }, create: user, update: { role: user.role, passwordHash: user.passwordHash, active: true } });
    await tx.staffSession.deleteMany({ where: { staffUserId: saved.id } });
    return saved;
  });
}

export async function createSession(prisma: Prisma, s: { id: string; staffUserId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
  await prisma.staffSession.create({ data: s });
}

// a session counts while it has not expired and its user is not disabled
const live = () => ({ expiresAt: { gt: new Date() }, staffUser: { active: true } });

/** A live session and its user; expired sessions and disabled users count as none. */
export function findSession(prisma: Prisma, id: string) {
  return prisma.staffSession.findFirst({
    where: { id, ...live() },
    select: { id: true, csrfToken: true, staffUser: { select: { id: true, email: true, role: true } } },
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
  return prisma.staffUser.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, role: true, active: true, createdAt: true } });
}

/** Disabling an account also ends its sessions at once. */
export async function setActive(prisma: Prisma, id: number, active: boolean): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({ where: { id }, data: { active } });
    if (!active) await tx.staffSession.deleteMany({ where: { staffUserId: id } });
    return count === 1;
  });
}
