import type { Prisma, Tx } from "../../db/database.ts";
import { audit } from "../audit/repository.ts";
import { type CannedInput, type CannedReply, cannedFromRow } from "./canned-reply.ts";

/** Admins keep few canned replies (tens): the lists are read whole, by name. */
export async function listCanned(db: Tx | Prisma): Promise<CannedReply[]> {
  const rows = await db.cannedReply.findMany({ orderBy: { name: "asc" } });
  return rows.map(cannedFromRow);
}

export async function findCanned(db: Tx | Prisma, id: number): Promise<CannedReply | undefined> {
  const row = await db.cannedReply.findUnique({ where: { id } });
  return row ? cannedFromRow(row) : undefined;
}

export type CannedSaved = { ok: true; id: number } | { ok: false; reason: "name_taken" | "not_found" };

/**
 * Add (no id) or change a canned reply and audit it, in one transaction. Names are unique: the caseworker
 * picks by name. The audit names the reply and its languages, not its text.
 */
export async function saveCanned(
  prisma: Prisma,
  staffUserId: number,
  input: CannedInput,
  id?: number,
): Promise<CannedSaved> {
  return prisma.$transaction(async (tx): Promise<CannedSaved> => {
    const sameName = await tx.cannedReply.findUnique({ where: { name: input.name }, select: { id: true } });
    if (sameName && sameName.id !== id) return { ok: false, reason: "name_taken" };
    const data = { name: input.name, kind: input.kind, texts: input.texts, contentSids: input.contentSids };
    let savedId: number;
    if (id === undefined) savedId = (await tx.cannedReply.create({ data, select: { id: true } })).id;
    else {
      const { count } = await tx.cannedReply.updateMany({ where: { id }, data });
      if (count === 0) return { ok: false, reason: "not_found" };
      savedId = id;
    }
    await audit(tx, {
      staffUserId,
      action: id === undefined ? "canned_added" : "canned_edited",
      detail: { canned: savedId, name: input.name, kind: input.kind, languages: Object.keys(input.texts).join(" ") },
    });
    return { ok: true, id: savedId };
  });
}

export async function deleteCanned(prisma: Prisma, staffUserId: number, id: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.cannedReply.findUnique({ where: { id }, select: { name: true } });
    if (!found) return false;
    await tx.cannedReply.delete({ where: { id } });
    const { name } = found;
    await audit(tx, { staffUserId, action: "canned_deleted", detail: { canned: id, name } });
    return true;
  });
}

/** The reference of the person's latest need: what `{{reference}}` says. */
export async function latestNeedReference(db: Tx | Prisma, contactId: number): Promise<string | undefined> {
  const need = await db.need.findFirst({
    where: { contactId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { reference: true },
  });
  return need?.reference;
}
