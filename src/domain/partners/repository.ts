import type { Prisma, Tx } from "../../db/database.ts";
import type { RowWindow } from "../paging.ts";
import type { PartnerInput } from "./partner.ts";
import { type ReferralStatus, statusesBefore } from "./referral.ts";

/** Reads work on the client or inside a turn's transaction. */
type Db = Prisma | Tx;

export function activePartnersOffering(db: Db, service: string) {
  return db.partner.findMany({ where: { active: true, services: { has: service } }, orderBy: { id: "asc" } });
}

/** A partner as an import saves it: an HSDS file may say when the record was last checked and give its id. */
export type ImportedPartner = PartnerInput & { assuredOn?: Date; hsdsId?: string };

/**
 * Upsert on the stable code, all rows in one transaction; returns how many were new. A record without
 * its own assured date was checked now, by whoever imports it.
 */
export async function upsertPartners(
  prisma: Prisma,
  imported: ImportedPartner[],
): Promise<{ created: number; updated: number }> {
  const today = new Date();
  const partners = imported.map((p) => ({ ...p, assuredOn: p.assuredOn ?? today }));
  return prisma.$transaction(async (tx) => {
    const existing = new Set(
      (await tx.partner.findMany({ where: { code: { in: partners.map((p) => p.code) } }, select: { code: true } })).map(
        (p) => p.code,
      ),
    );
    for (const p of partners) await tx.partner.upsert({ where: { code: p.code }, create: p, update: p });
    return {
      created: partners.filter((p) => !existing.has(p.code)).length,
      updated: partners.filter((p) => existing.has(p.code)).length,
    };
  });
}

// For the staff app: list, read and edit partners, follow referrals up.

type PartnerFilter = { service?: string; area?: string; active?: boolean };
const partnersWhere = (filter: PartnerFilter) => ({
  ...(filter.service ? { services: { has: filter.service } } : {}),
  ...(filter.area ? { areas: { has: filter.area } } : {}),
  ...(filter.active === undefined ? {} : { active: filter.active }),
});

/** By name (the id orders namesakes, so pages never overlap); all of them, or the window's rows. */
export function listPartners(db: Db, filter: PartnerFilter = {}, window?: RowWindow) {
  return db.partner.findMany({ where: partnersWhere(filter), orderBy: [{ name: "asc" }, { id: "asc" }], ...window });
}

export function countPartners(db: Db, filter: PartnerFilter = {}): Promise<number> {
  return db.partner.count({ where: partnersWhere(filter) });
}

export function getPartner(db: Db, id: number) {
  return db.partner.findUnique({ where: { id } });
}

export async function partnerIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.partner.findUnique({ where: { code }, select: { id: true } }))?.id;
}

/**
 * Staff edits arrive checked by partnerInputSchema, like imported rows; saving one is checking the record.
 * Null when there is no such partner.
 */
export async function updatePartner(db: Db, id: number, input: PartnerInput) {
  const found = await db.partner.findUnique({ where: { id }, select: { id: true } });
  return found ? db.partner.update({ where: { id }, data: { ...input, assuredOn: new Date() } }) : null;
}

// For the HSDS directory (export, read API): public facts of partners, never a referral.

/** The partners a list of HSDS service ids belongs to: id -> partner code. */
export async function codesOfHsdsIds(db: Db, hsdsIds: string[]): Promise<Map<string, string>> {
  const found = await db.partner.findMany({ where: { hsdsId: { in: hsdsIds } }, select: { hsdsId: true, code: true } });
  return new Map(found.map((p) => [p.hsdsId, p.code]));
}

/** The partner behind an HSDS service id (a UUID: check it first, PostgreSQL refuses other text). */
export function partnerByHsdsId(db: Db, hsdsId: string) {
  return db.partner.findUnique({ where: { hsdsId } });
}

/** A referral still being followed up for this person, partner and need: asking twice must not make two. */
export function openReferral(db: Db, q: { contactId: number; partnerId: number; service: string }) {
  return db.referral.findFirst({ where: { ...q, status: { in: ["new", "contacted"] } } });
}

export function createReferral(
  db: Db,
  r: { contactId: number; partnerId: number; service: string; name: string; consentAt: Date },
) {
  return db.referral.create({ data: { ...r, status: "new" } });
}

type ReferralFilter = { status?: ReferralStatus; partnerId?: number };

/** Oldest first, the ones waiting longest for a follow-up; all of them, or the window's rows. */
export function listReferrals(db: Db, filter: ReferralFilter = {}, window?: RowWindow) {
  return db.referral.findMany({
    where: filter,
    include: {
      partner: { select: { id: true, name: true } },
      contact: { select: { id: true, channel: true, address: true, language: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...window,
  });
}

export function countReferrals(db: Db, filter: ReferralFilter = {}): Promise<number> {
  return db.referral.count({ where: filter });
}

export function getReferral(db: Db, id: number) {
  return db.referral.findUnique({
    where: { id },
    select: { id: true, status: true, contactId: true, partnerId: true },
  });
}

/** Moves a referral one step on; false when it does not exist or is not in a status that leads there. */
export async function setReferralStatus(db: Db, id: number, to: ReferralStatus): Promise<boolean> {
  const r = await db.referral.updateMany({ where: { id, status: { in: statusesBefore(to) } }, data: { status: to } });
  return r.count === 1;
}

/**
 * A person erased their data. A referral still `new` was never passed on: it goes. One the partner
 * already has stays for the partner's follow-up counts, without the name and no longer tied to the
 * person (the partner's own copy is theirs to erase: the person is told to ask them).
 */
export async function forgetReferralsOf(tx: Tx, contactId: number): Promise<{ deleted: number; kept: number }> {
  const { count: deleted } = await tx.referral.deleteMany({ where: { contactId, status: "new" } });
  const { count: kept } = await tx.referral.updateMany({ where: { contactId }, data: { name: "", contactId: null } });
  return { deleted, kept };
}
