import { createHash } from "node:crypto";
import { caseKey } from "./normalize.ts";

// Lookup attempts outlive an erasure (else ERASE would reset the lockout), so they hold neither the phone
// number nor the case number in clear. Unsalted on purpose: the same number must give the same key in
// every process and after a restart, and the rows live only as
// long as the lockout reads them (LOCKOUT_LOOKBACK_MS, 25 h).
// The migration `case_lookups_by_number` computes the same in SQL.
const key = (kind: string, value: string) =>
  createHash("sha256").update(`haven:case-lookup:${kind}:${value}`).digest("hex");

/** Who is asking: the phone number (E.164, as both channels give it), so SMS and WhatsApp share one lock. */
export const lookupSubject = (address: string): string => key("number", address);

/**
 * Which case: the case number however it was typed, reduced to its caseKey here so that every caller hashes the same.
 */
export const caseNumberKey = (caseNumber: string): string => key("case", caseKey(caseNumber));
