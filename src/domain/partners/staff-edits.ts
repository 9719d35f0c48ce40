import type { Prisma } from "../../db/database.ts";
import { audit } from "../audit/repository.ts";
import type { Areas } from "../areas/areas.ts";
import { textsByLanguage } from "../texts-by-language.ts";
import { type PartnerInput, partnerInputSchema } from "./partner.ts";
import { isReferralStatus } from "./referral.ts";
import { getPartner, getReferral, partnerIdByCode, setReferralStatus, updatePartner } from "./repository.ts";

// Staff deeds on referrals and partners: each one checks, changes and writes its audit entry in one
// transaction, and answers with a result the page maps to what it shows (never an exception).

export type ReferralMove =
  | { ok: true }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "not_forward"; status: string };

/** Who moves a referral: our staff (partnerId null) any, a partner's account only its own partner's. */
export interface ReferralMover {
  staffUserId: number;
  partnerId: number | null;
}

/** A referral moves one step on (see referral.ts); the move and its audit entry commit together. */
export async function moveReferral(prisma: Prisma, by: ReferralMover, id: number, to: string): Promise<ReferralMove> {
  return prisma.$transaction(async (tx) => {
    const before = Number.isSafeInteger(id) ? await getReferral(tx, id) : null;
    // another partner's referral does not exist for a partner account
    if (!before || (by.partnerId !== null && before.partnerId !== by.partnerId))
      return { ok: false, reason: "not_found" };
    if (!isReferralStatus(to) || !(await setReferralStatus(tx, id, to)))
      return { ok: false, reason: "not_forward", status: before.status };
    await audit(tx, {
      staffUserId: by.staffUserId,
      action: "referral_status",
      contactId: before.contactId ?? undefined,
      detail: { referral: id, from: before.status, to },
    });
    return { ok: true };
  });
}

/** A partner as the edit form sends it: every field but the hours in other languages, which the form does not show. */
export type PartnerForm = Omit<{ [K in keyof PartnerInput]: unknown }, "hoursByLanguage">;

export type PartnerEdit =
  | { ok: true }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid" | "code_taken"; problems: string[] };

/**
 * Saves a staff edit of a partner, checked like an imported row; its code must stay unique. The
 * edit and its audit entry commit together.
 */
export async function editPartner(
  prisma: Prisma,
  areas: Areas,
  staffUserId: number,
  id: number,
  form: PartnerForm,
): Promise<PartnerEdit> {
  return prisma.$transaction(async (tx) => {
    const existing = await getPartner(tx, id);
    if (!existing) return { ok: false, reason: "not_found" };
    const parsed = partnerInputSchema(Object.keys(areas)).safeParse({
      ...form,
      hoursByLanguage: textsByLanguage(existing.hoursByLanguage),
    });
    if (!parsed.success)
      return {
        ok: false,
        reason: "invalid",
        problems: parsed.error.issues.map((i) => `${i.path.join(".") || "partner"}: ${i.message}`),
      };
    const owner = await partnerIdByCode(tx, parsed.data.code);
    if (owner !== undefined && owner !== id)
      return { ok: false, reason: "code_taken", problems: [`code: "${parsed.data.code}" belongs to another partner`] };
    await updatePartner(tx, id, parsed.data);
    await audit(tx, { staffUserId, action: "partner_updated", detail: { partner: id } });
    return { ok: true };
  });
}
