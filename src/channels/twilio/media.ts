// Twilio keeps a person's media behind the account's credentials (HTTP Basic auth, when "enforce HTTP auth on
// media URLs" is on, as it should be) and answers with a redirect to a short-lived signed address on its CDN.
// The credentials go to Twilio's API origin only: never to the CDN, and never to an address a webhook named
// elsewhere (a stored URL is only as trustworthy as the signed webhook that carried it).
import type { MediaDownload, MediaFetcher } from "../message.ts";
import { basicAuth } from "./rest.ts";

export interface TwilioMediaOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL: a local server speaking Twilio's API in tests and staging */
  apiUrl?: string;
}

/** a whole download, its body included: 16 MB to a slow office line, not a hung connection held forever */
const DOWNLOAD_MS = 120_000;
const MAX_REDIRECTS = 3;

export function twilioMediaFetcher(opts: TwilioMediaOptions): MediaFetcher {
  const api = new URL(opts.apiUrl ?? "https://api.twilio.com");
  const mediaPath = `/2010-04-01/Accounts/${opts.accountSid}/Messages/`;
  const authorization = basicAuth(opts);
  const ours = (u: URL) => u.origin === api.origin;

  return {
    async fetch(url: string, maxBytes: number, signal: AbortSignal): Promise<MediaDownload> {
      let at: URL;
      try {
        at = new URL(url);
      } catch {
        return { ok: false, reason: "unavailable" };
      }
      if (!ours(at) || !at.pathname.startsWith(mediaPath)) return { ok: false, reason: "unavailable" };
      const deadline = AbortSignal.any([signal, AbortSignal.timeout(DOWNLOAD_MS)]);
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const res = await fetch(at, {
          redirect: "manual",
          signal: deadline,
          headers: ours(at) ? { authorization } : {},
        }).catch(() => undefined);
        if (!res) return { ok: false, reason: "unavailable" };
        const location = res.headers.get("location");
        if (res.status >= 300 && res.status < 400 && location) {
          await res.body?.cancel();
          at = new URL(location, at);
          continue;
        }
        if (!res.ok || !res.body) {
          await res.body?.cancel();
          return { ok: false, reason: "unavailable" };
        }
        const declared = res.headers.get("content-length");
        const length = declared === null ? undefined : Number(declared);
        if (length !== undefined && length > maxBytes) {
          await res.body.cancel();
          return { ok: false, reason: "too_large" };
        }
        return {
          ok: true,
          contentType: res.headers.get("content-type") ?? "application/octet-stream",
          length,
          body: res.body,
        };
      }
      return { ok: false, reason: "unavailable" };
    },
  };
}
