import type { Prisma } from "../db/database.ts";
import { partnerIdByCode } from "../domain/partners/repository.ts";
import { partnerLinkProblem, type Role } from "../domain/roles.ts";

export type AccountPartner = { ok: true; partnerId: number | null } | { ok: false; problem: string };

/**
 * The partner a new account belongs to, from the partner's code as staff:add and the accounts page give it:
 * a partner account needs a known partner, any other role none (the database's StaffUser_partner_check agrees).
 */
export async function accountPartner(prisma: Prisma, role: Role, code: string | undefined): Promise<AccountPartner> {
  const problem = partnerLinkProblem(role, code !== undefined);
  if (problem) return { ok: false, problem };
  if (code === undefined) return { ok: true, partnerId: null };
  const partnerId = await partnerIdByCode(prisma, code);
  return partnerId === undefined
    ? { ok: false, problem: `no partner with the code "${code}"` }
    : { ok: true, partnerId };
}
