/** A referral's follow-up by staff, changed only along these steps (Chatwoot-style explicit states). */
export const REFERRAL_STATUSES = ["new", "contacted", "accepted", "closed"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: ["contacted", "closed"],
  contacted: ["accepted", "closed"],
  accepted: ["closed"],
  closed: [],
};

export const isReferralStatus = (s: string): s is ReferralStatus =>
  (REFERRAL_STATUSES as readonly string[]).includes(s);

/** The statuses a referral may have been in to move to `to`. */
export const statusesBefore = (to: ReferralStatus): ReferralStatus[] =>
  REFERRAL_STATUSES.filter((s) => NEXT[s].includes(to));
