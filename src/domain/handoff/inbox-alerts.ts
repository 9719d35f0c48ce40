import type { Prisma } from "../../db/database.ts";

/** News for the staff who have the inbox open: told once each (the key), whichever process learns of it. */
export type InboxAlert =
  | { kind: "urgent"; key: string; contactId: number }
  | { kind: "assigned"; key: string; contactId: number; to: number; by: string };

/**
 * What happened since `since`: conversations waiting urgently that changed (a new one, or one a risk made
 * urgent), and conversations passed to someone (the `transferred` audit entries).
 */
export async function inboxAlertsSince(prisma: Prisma, since: Date): Promise<InboxAlert[]> {
  const [urgent, transfers] = await Promise.all([
    prisma.$queryRaw<{ contactId: number; escalatedAt: Date }[]>`
      SELECT "contactId", "escalatedAt" FROM "Conversation"
       WHERE status = 'waiting_for_person' AND urgent AND "updatedAt" >= ${since} AND "escalatedAt" IS NOT NULL`,
    prisma.$queryRaw<{ id: number; contactId: number; to: number; by: string | null }[]>`
      SELECT a.id, a."contactId", (a.detail->>'to')::int AS "to", s.email AS by
        FROM "AuditLog" a LEFT JOIN "StaffUser" s ON s.id = a."staffUserId"
       WHERE a.action = 'transferred' AND a.at >= ${since} AND a."contactId" IS NOT NULL`,
  ]);
  return [
    ...urgent.map((r) => ({
      kind: "urgent" as const,
      key: `urgent:${r.contactId}:${r.escalatedAt.getTime()}`,
      contactId: r.contactId,
    })),
    ...transfers.map((r) => ({
      kind: "assigned" as const,
      key: `assigned:${r.id}`,
      contactId: r.contactId,
      to: r.to,
      by: r.by ?? "",
    })),
  ];
}
