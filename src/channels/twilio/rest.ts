// Twilio's REST APIs answer form or JSON POSTs (and list GETs) with JSON. undici's pools do it: the twilio package's
// REST client (axios, 1 MB of generated resources) cost ~25 MB of resident memory and ~9 % of the server's CPU under
// load, and Node's http client ~80 µs of CPU a send against undici's ~30 (a turn sends about two replies), while the
// outbox already does the retrying and status tracking.
import { Agent } from "undici";

/** a whole request, waiting for a connection included: the outbox's 30 s lease is twice this */
const DEADLINE_MS = 15_000;
/** idle kept-alive connections are closed before Twilio's edge drops them under a request */
const IDLE_SOCKET_MS = 10_000;
/** Twilio's answers are a few kilobytes; anything far larger is not Twilio */
const MAX_RESPONSE_BYTES = 1 << 20;

export interface RestResponse {
  status: number;
  body: string;
}

export type RestPost = (url: URL, body: string, contentType: string) => Promise<RestResponse>;
export type RestGet = (url: URL) => Promise<RestResponse>;

/** The account's credentials as an HTTP Basic Authorization header. */
export const basicAuth = (auth: { accountSid: string; authToken: string }) =>
  `Basic ${Buffer.from(`${auth.accountSid}:${auth.authToken}`).toString("base64")}`;

/**
 * POSTs and GETs with the account's Basic auth over kept-alive connections (a TLS handshake per reply would cost
 * more than the reply), at most `connections` per origin: as many requests at once, the others wait for one.
 */
export function twilioRest(account: { accountSid: string; authToken: string; connections: number }): {
  post: RestPost;
  get: RestGet;
} {
  const pools = new Agent({
    connections: account.connections,
    keepAliveTimeout: IDLE_SOCKET_MS,
    keepAliveMaxTimeout: IDLE_SOCKET_MS,
  });
  const authorization = basicAuth(account);
  async function request(url: URL, body?: { text: string; contentType: string }): Promise<RestResponse> {
    const res = await pools.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: body ? "POST" : "GET",
      headers: { authorization, accept: "application/json", ...(body ? { "content-type": body.contentType } : {}) },
      body: body?.text,
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
    const status = res.statusCode;
    const chunks: Buffer[] = [];
    let size = 0;
    const answer = () => ({ status, body: Buffer.concat(chunks).toString("utf8") });
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        // leaving the loop closes the answer
        if (size > MAX_RESPONSE_BYTES) throw new Error(`response over ${MAX_RESPONSE_BYTES} bytes`);
        chunks.push(chunk);
      }
    } catch (error) {
      // after a 2xx status line Twilio has the request, whatever happens to the rest of the answer:
      // it is then read as an unreadable answer (not sent again), not as a network failure (sent again)
      if (status >= 200 && status < 300) return answer();
      throw error;
    }
    return answer();
  }
  return { post: (url, text, contentType) => request(url, { text, contentType }), get: (url) => request(url) };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
