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

/** Newest first. Not counted: the log grows with every page a caseworker opens. */
export function auditPage(prisma: Prisma, where: { contactId?: number }, window: RowWindow) {
  return prisma.auditLog.findMany({ where, orderBy: { id: "desc" }, ...window, select: { id: true, action: true, contactId: true, detail: true, at: true, staffUser: { select: { email: true } } } });
}
