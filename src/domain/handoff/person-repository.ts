import type { Prisma } from "../../db/database.ts";
import { verifiedCaseOf } from "../cases/repository.ts";

/** The staff deeds that mark a handoff's course: taken, handed back, closed, or ended by the person's STOP. */
export const HANDOFF_ACTIONS = ["took", "handed_back", "closed", "person_stopped"] as const;
const SHOWN = 10;

/**
 * What the conversation page's side panel says about the person beyond the conversation itself: their
 * referrals, the case they checked, and the course of earlier handoffs (from the audit log, newest first).
 */
export async function personSummary(prisma: Prisma, contact: { id: number; address: string }) {
  const [referrals, handoffs, verifiedCase] = await Promise.all([
    prisma.referral.findMany({
      where: { contactId: contact.id },
      orderBy: { id: "desc" },
      take: SHOWN,
      select: { id: true, service: true, status: true, createdAt: true, partner: { select: { id: true, name: true } } },
    }),
    prisma.auditLog.findMany({
      where: { contactId: contact.id, action: { in: [...HANDOFF_ACTIONS] } },
      orderBy: { id: "desc" },
      take: SHOWN,
      select: { id: true, action: true, at: true, staffUser: { select: { email: true } } },
    }),
    verifiedCaseOf(prisma, contact.address),
  ]);
  return { referrals, handoffs, verifiedCase };
}
