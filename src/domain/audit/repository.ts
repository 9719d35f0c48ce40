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
  await auditAll(db, [entry]);
}

/** Several deeds of one transaction, in one statement. */
export async function auditAll(db: Tx | Prisma, entries: readonly AuditEntry[]): Promise<void> {
  await db.auditLog.createMany({
    data: entries.map((e) => ({
      staffUserId: e.staffUserId,
      action: e.action,
      contactId: e.contactId,
      detail: e.detail ?? {},
    })),
  });
}

/**
 * The entry, unless this staff member's same action on the contact is logged since `since` already: one
 * statement, for views that repeat (a transcript's live refresh) without flooding the log. `sameDetail`:
 * only an entry with the same detail counts (each media file of a conversation is logged once).
 */
export async function auditUnlessSince(
  db: Tx | Prisma,
  entry: AuditEntry & { staffUserId: number; contactId: number },
  since: Date,
  sameDetail = false,
): Promise<void> {
  const detail = JSON.stringify(entry.detail ?? {});
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("staffUserId", "action", "contactId", "detail")
    SELECT ${entry.staffUserId}, ${entry.action}, ${entry.contactId}, ${detail}::jsonb
    WHERE NOT EXISTS (
      SELECT 1 FROM "AuditLog"
      WHERE "contactId" = ${entry.contactId} AND "at" >= ${since} AND "staffUserId" = ${entry.staffUserId} AND "action" = ${entry.action}
        AND (NOT ${sameDetail}::boolean OR "detail" = ${detail}::jsonb))`;
}

/** Whether this staff member's action on the contact is logged since `since`. */
export async function auditedSince(
  db: Tx | Prisma,
  entry: { staffUserId: number; action: string; contactId: number },
  since: Date,
): Promise<boolean> {
  return (await db.auditLog.count({ where: { ...entry, at: { gte: since } } })) > 0;
}

/** What the audit page and its export are narrowed to; dates are UTC days, `to` included. */
export interface AuditFilter {
  contactId?: number;
  /** part of the staff member's email, or of the email typed at a refused sign-in */
  who?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

function auditWhere(f: AuditFilter) {
  return {
    contactId: f.contactId,
    action: f.action,
    ...(f.from || f.to ? { at: { gte: f.from, lt: f.to ? new Date(f.to.getTime() + 86_400_000) : undefined } } : {}),
    ...(f.who
      ? {
          OR: [
            { staffUser: { email: { contains: f.who, mode: "insensitive" as const } } },
            { detail: { path: ["email"], string_contains: f.who.toLowerCase() } },
          ],
        }
      : {}),
  };
}

const AUDIT_ROW = {
  id: true,
  action: true,
  contactId: true,
  detail: true,
  at: true,
  staffUser: { select: { email: true } },
} as const;

/** Newest first. Not counted: the log grows with every page a caseworker opens. */
export function auditPage(prisma: Prisma, filter: AuditFilter, window: RowWindow) {
  return prisma.auditLog.findMany({ where: auditWhere(filter), orderBy: { id: "desc" }, ...window, select: AUDIT_ROW });
}

/** The whole filtered log, newest first, a batch at a time (the CSV export streams it). */
export async function* auditBatches(prisma: Prisma, filter: AuditFilter, size = 1000) {
  for (let before: number | undefined; ; ) {
    const rows = await prisma.auditLog.findMany({
      where: { ...auditWhere(filter), ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: "desc" },
      take: size,
      select: AUDIT_ROW,
    });
    if (rows.length) yield rows;
    if (rows.length < size) return;
    before = rows[rows.length - 1]!.id;
  }
}

/** The actions the log holds, for the page's filter. */
export async function auditActions(prisma: Prisma): Promise<string[]> {
  const rows = await prisma.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
