import { timingSafeEqual } from "node:crypto";
// only the webhooks module: the package root would load the whole REST client
import { getExpectedTwilioSignature, validateRequest } from "twilio/lib/webhooks/webhooks.js";

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
  // the URL as received first, one HMAC: validateRequest parses it twice (with and without the port) before its
  // first try, for every webhook; it still decides any other case (a port, an escaped form, a forged signature)
  return (
    sameText(signature, getExpectedTwilioSignature(authToken, url, params)) ||
    validateRequest(authToken, signature, url, params)
  );
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
