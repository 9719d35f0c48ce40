/**
 * A referral's follow-up by staff, changed only along these steps (Chatwoot-style explicit states). `contacted`:
 * the partner reached the person; `received`: the partner confirmed the person got the service.
 */
export const REFERRAL_STATUSES = ["new", "contacted", "accepted", "received", "closed"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: ["contacted", "closed"],
  contacted: ["accepted", "received", "closed"],
  accepted: ["received", "closed"],
  received: ["closed"],
  closed: [],
};

export const isReferralStatus = (s: string): s is ReferralStatus =>
  (REFERRAL_STATUSES as readonly string[]).includes(s);

/** The statuses a referral may have been in to move to `to`. */
export const statusesBefore = (to: ReferralStatus): ReferralStatus[] =>
  REFERRAL_STATUSES.filter((s) => NEXT[s].includes(to));
