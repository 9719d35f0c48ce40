import { createHmac } from "node:crypto";

/**
 * How long an erased person's MessageSids are refused. Twilio retries a webhook for minutes at most
 * (connection overrides: up to 5 retries); the margin covers a captured request replayed later.
 */
export const ERASED_SID_KEEP_MS = 30 * 86_400_000;

/** The keyed hash an erased person's MessageSid is kept as. */
export type SidHash = (providerId: string) => string;

/**
 * Keyed with a key derived from TWILIO_AUTH_TOKEN: without it the table cannot be matched against
 * SIDs seen elsewhere (Twilio's logs hold the number). A new token makes old hashes unmatched, which is
 * harmless: a request signed with the old token no longer passes the signature check. Without a token no
 * webhook is accepted, so any stable key serves (the chat simulator).
 */
export function sidHasher(twilioAuthToken: string | undefined): SidHash {
  const key = createHmac("sha256", twilioAuthToken ?? "")
    .update("haven:erased-message-sid")
    .digest();
  return (providerId) => createHmac("sha256", key).update(providerId).digest("hex");
}
