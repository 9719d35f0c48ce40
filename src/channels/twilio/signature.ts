// only the webhooks module: the package root would load the whole REST client
import { validateRequest } from "twilio/lib/webhooks/webhooks.js";

/**
 * Twilio signs the exact URL it called plus the sorted POST fields with the auth token (HMAC-SHA1).
 * The URL must be the public one Twilio knows: behind a TLS proxy the local one differs.
 */
export function isSignedByTwilio(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, unknown>,
): boolean {
  if (!signature) return false;
  return validateRequest(authToken, signature, url, params);
}
