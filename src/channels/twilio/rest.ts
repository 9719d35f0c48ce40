// Twilio's REST APIs answer form or JSON POSTs (and list GETs) with JSON. Node's own http client does it: the twilio
// package's REST client (axios, 1 MB of generated resources) cost ~25 MB of resident memory and ~9 % of
// the server's CPU under load, while the outbox already does the retrying and status tracking.
import http from "node:http";
import https from "node:https";

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
 * POSTs and GETs with the account's Basic auth over kept-alive connections (a TLS handshake per reply would
 * cost more than the reply).
 */
export function twilioRest(auth: { accountSid: string; authToken: string }): { post: RestPost; get: RestGet } {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_SOCKET_MS }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_SOCKET_MS }),
  };
  const authorization = basicAuth(auth);
  const request = (url: URL, body?: { text: string; contentType: string }) =>
    new Promise<RestResponse>((resolve, reject) => {
      const secure = url.protocol === "https:";
      const req = (secure ? https : http).request(
        url,
        {
          method: body ? "POST" : "GET",
          agent: agents[secure ? "https:" : "http:"],
          signal: AbortSignal.timeout(DEADLINE_MS),
          headers: {
            authorization,
            accept: "application/json",
            ...(body ? { "content-type": body.contentType, "content-length": Buffer.byteLength(body.text) } : {}),
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          const answer = () => resolve({ status, body: Buffer.concat(chunks).toString("utf8") });
          // after a 2xx status line Twilio has the request, whatever happens to the rest of the answer:
          // it is then read as an unreadable answer (not sent again), not as a network failure (sent again)
          const broken = (error: Error) => (status >= 200 && status < 300 ? answer() : reject(error));
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_RESPONSE_BYTES) return void chunks.push(chunk);
            // settled here: destroying the answer reports its error on the request, not on the answer
            broken(new Error(`response over ${MAX_RESPONSE_BYTES} bytes`));
            res.destroy();
          });
          res.on("end", answer);
          res.on("error", broken);
        },
      );
      req.on("error", reject);
      req.end(body?.text);
    });
  return { post: (url, text, contentType) => request(url, { text, contentType }), get: (url) => request(url) };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
