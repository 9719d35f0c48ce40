import type { Prisma, Tx } from "../../db/database.ts";
import type { RowWindow } from "../paging.ts";

export interface AuditEntry {
  staffUserId: number | null;
  /** what was done: viewed, took, replied, template_sent, handed_back, closed, noted, signed_in … */
  action: string;
  contactId?: number;
  detail?: Record<string, string | number | boolean>;
}

/** Who viewed or did what on which conversation; written in the same transaction as the deed. */
export async function audit(db: Tx | Prisma, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: { staffUserId: entry.staffUserId, action: entry.action, contactId: entry.contactId, detail: entry.detail ?? {} } });
}

/**
 * The entry, unless this staff member's same action on the contact is logged since `since` already: one
 * statement, for views that repeat (a transcript's live refresh) without flooding the log.
 */
export async function auditUnlessSince(db: Tx | Prisma, entry: AuditEntry & { staffUserId: number; contactId: number }, since: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("staffUserId", "action", "contactId", "detail")
    SELECT ${entry.staffUserId}, ${entry.action}, ${entry.contactId}, ${JSON.stringify(entry.detail ?? {})}::jsonb
    WHERE NOT EXISTS (
      SELECT 1 FROM "AuditLog"
      WHERE "contactId" = ${entry.contactId} AND "at" >= ${since} AND "staffUserId" = ${entry.staffUserId} AND "action" = ${entry.action})`;
}

/** Whether this staff member's action on the contact is logged since `since`. */
export async function auditedSince(db: Tx | Prisma, entry: { staffUserId: number; action: string; contactId: number }, since: Date): Promise<boolean> {
  return (await db.auditLog.count({ where: { ...entry, at: { gte: since } } })) > 0;
}

/** Newest first. Not counted: the log grows with every page a caseworker opens. */
export function auditPage(prisma: Prisma, where: { contactId?: number }, window: RowWindow) {
  return prisma.auditLog.findMany({ where, orderBy: { id: "desc" }, ...window, select: { id: true, action: true, contactId: true, detail: true, at: true, staffUser: { select: { email: true } } } });
}
