import { z } from "zod";

/** What a staff account may do; StaffUser.role holds one (a CHECK constraint says which). */
export const ROLES = ["admin", "caseworker", "analyst", "editor", "protection", "broadcaster", "partner"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** A partner organisation's own account: it follows up its own referrals, so it belongs to exactly one partner. */
export const PARTNER_ROLE = "partner" satisfies Role;

/** Why an account's partner does not fit its role, or undefined: a partner account has one, no other account any. */
export const partnerLinkProblem = (role: Role, hasPartner: boolean): string | undefined => {
  if (role === PARTNER_ROLE && !hasPartner) return "a partner account needs its partner (--partner <code>)";
  if (role !== PARTNER_ROLE && hasPartner) return "only a partner account belongs to a partner";
  return undefined;
};
