import type { Prisma, Tx } from "../../db/database.ts";
import { audit } from "../audit/repository.ts";
import { forgetJourneysOf } from "../insights/forget-journeys.ts";
import { forgetNeedsOf } from "../needs/repository.ts";
import { forgetReferralsOf } from "../partners/repository.ts";
import { ERASED_SID_KEEP_MS, type SidHash } from "./erased-sids.ts";
import { deleteContact, lockContact, rememberErasedSids } from "./repository.ts";

/** Who asked: the person on the help line, or a staff member for a request that came another way. */
export type ErasureRequester = { by: "person" } | { by: "staff"; staffUserId: number };

export interface Erasure {
  needs: number;
  referralsDeleted: number;
  referralsKept: number;
}

/**
 * The right to erasure: everything that identifies the person goes, in the caller's transaction,
 * which must hold the contact's row lock (a turn does). What is kept carries no words of theirs and
 * no link to them: needs and journey events for the counts, referrals a partner already has for the follow-up counts.
 * If they write again they are a new person; their messages Twilio sent before (a retry, a replay)
 * are refused for ERASED_SID_KEEP_MS by a hash of their SIDs. The audit entry names no one.
 */
export async function eraseContact(
  tx: Tx,
  contactId: number,
  requester: ErasureRequester,
  sidHash: SidHash,
): Promise<Erasure> {
  await rememberErasedSids(tx, contactId, sidHash, new Date(Date.now() + ERASED_SID_KEEP_MS));
  const needs = await forgetNeedsOf(tx, contactId);
  const referrals = await forgetReferralsOf(tx, contactId);
  await forgetJourneysOf(tx, contactId);
  const { channel } = await deleteContact(tx, contactId);
  const erasure = { needs, referralsDeleted: referrals.deleted, referralsKept: referrals.kept };
  await audit(tx, {
    staffUserId: requester.by === "staff" ? requester.staffUserId : null,
    action: "contact_erased",
    detail: { by: requester.by, channel, ...erasure },
  });
  return erasure;
}

/** An admin erases a person who asked by other means; false when there is no such contact (any more). */
export async function eraseContactForStaff(
  prisma: Prisma,
  staffUserId: number,
  contactId: number,
  sidHash: SidHash,
): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      // ordered with the person's own turns: none of them is half done when their rows go
      if (!(await lockContact(tx, contactId))) return false;
      await eraseContact(tx, contactId, { by: "staff", staffUserId }, sidHash);
      return true;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
