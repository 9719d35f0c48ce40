import type { Prisma, Tx } from "../../db/database.ts";
import type { RowWindow } from "../paging.ts";
import { caseKey } from "./normalize.ts";
import { lookupSubject } from "./lookup-keys.ts";
import { textsByLanguage } from "../texts-by-language.ts";

export interface CaseRecord {
  caseNumber: string;
  stage: string;
  nextAppointment: Date | null;
  nextStep: Record<string, string>;
  /** undefined keeps the stored factor */
  factor: { kind: string; hash: string } | undefined;
}

/** For the staff list, most recently updated first: never the factor's hash. */
export function listCases(db: Prisma, window: RowWindow) {
  return db.case.findMany({
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    ...window,
    select: { id: true, caseNumber: true, stage: true, nextAppointment: true, updatedAt: true },
  });
}

export function countCases(db: Prisma): Promise<number> {
  return db.case.count();
}

export function countCasesWithAppointments(db: Prisma): Promise<number> {
  return db.case.count({ where: { nextAppointment: { not: null } } });
}

/** The case a number names, however it was typed (see caseKey). */
export function findCase(tx: Tx, caseNumber: string) {
  return tx.case.findUnique({ where: { caseKey: caseKey(caseNumber) } });
}

/** What a write did; `news`: the case's stage, next step or appointment changed (its followers are told). */
export type Written = { saved: "created" | "updated" | "needs_factor"; news?: number };

/**
 * Insert or replace a case (the number as last written, too); "needs_factor" when it is new and no factor came with it.
 */
export async function writeCase(tx: Tx, c: CaseRecord): Promise<Written> {
  const fields = { caseNumber: c.caseNumber, stage: c.stage, nextAppointment: c.nextAppointment, nextStep: c.nextStep };
  const factor = c.factor && { factorKind: c.factor.kind, factorHash: c.factor.hash };
  const key = caseKey(c.caseNumber);
  const before = await tx.case.findUnique({ where: { caseKey: key } });
  if (before) {
    await tx.case.update({ where: { caseKey: key }, data: { ...fields, ...factor } });
    return { saved: "updated", news: sameNews(before, c) ? undefined : before.id };
  }
  if (!factor) return { saved: "needs_factor" };
  await tx.case.create({ data: { caseKey: key, ...fields, ...factor } });
  return { saved: "created" };
}

/** Whether the person would read the same: stage, appointment and every language's note (a re-sent file is no news). */
function sameNews(before: { stage: string; nextAppointment: Date | null; nextStep: unknown }, after: CaseRecord) {
  const notes = (n: unknown) =>
    JSON.stringify(Object.entries(textsByLanguage(n)).sort(([a], [b]) => a.localeCompare(b)));
  return (
    before.stage === after.stage &&
    before.nextAppointment?.getTime() === after.nextAppointment?.getTime() &&
    notes(before.nextStep) === notes(after.nextStep)
  );
}

/** A person's lookups since `since`, oldest first; `caseNumberHash` as caseNumberKey gives it. */
export function recentLookups(tx: Tx, subject: string, since: Date) {
  return tx.caseLookupAttempt.findMany({
    where: { subject, createdAt: { gte: since } },
    orderBy: { id: "asc" },
    select: { caseNumberHash: true, outcome: true, createdAt: true },
  });
}

export async function deleteLookupsBefore(db: Prisma, before: Date): Promise<number> {
  return (await db.caseLookupAttempt.deleteMany({ where: { createdAt: { lt: before } } })).count;
}

export async function recordLookup(
  tx: Tx,
  a: { subject: string; caseNumberHash: string; outcome: "found" | "failed" | "locked"; at: Date },
) {
  await tx.caseLookupAttempt.create({
    data: { subject: a.subject, caseNumberHash: a.caseNumberHash, outcome: a.outcome, createdAt: a.at },
  });
}

/**
 * The case the person at this number last checked with the right factor, while its lookup is kept (25 h):
 * lookups hold only hashes, so the case is found by hashing each case's key as caseNumberKey does
 * (src/domain/cases/lookup-keys.ts), the person's few found lookups first.
 */
export async function verifiedCaseOf(db: Prisma, address: string) {
  const rows = await db.$queryRaw<{ id: number; caseNumber: string; stage: string; checkedAt: Date }[]>`
    WITH found AS (
      SELECT "caseNumberHash", max("createdAt") AS at FROM "CaseLookupAttempt"
      WHERE subject = ${lookupSubject(address)} AND outcome = 'found' GROUP BY "caseNumberHash")
    SELECT c.id, c."caseNumber", c.stage, f.at AS "checkedAt"
    FROM found f JOIN "Case" c
      ON encode(sha256(convert_to('haven:case-lookup:case:' || c."caseKey", 'UTF8')), 'hex') = f."caseNumberHash"
    ORDER BY f.at DESC LIMIT 1`;
  return rows[0];
}
