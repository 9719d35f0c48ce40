// Sending is one form POST to Twilio's Messages resource. Node's own http client does it: the twilio
// package's REST client (axios, 1 MB of generated resources) cost ~25 MB of resident memory and ~9 % of
// the server's CPU under load, while the outbox already does the retrying and status tracking.
import http from "node:http";
import https from "node:https";
import { z } from "zod";
import type { MessageSender, OutboundMessage, SendResult } from "../message.ts";
import { twilioAddress } from "./inbound.ts";

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL: a local server speaking Twilio's API in tests and staging */
  apiUrl?: string;
  messagingServiceSid?: string;
  /** builds the StatusCallback URL for a message */
  statusCallback(reference: string): string;
}

/** a whole send, waiting for a connection included: the outbox's 30 s lease is twice this */
const DEADLINE_MS = 15_000;
/** idle kept-alive connections are closed before Twilio's edge drops them under a request */
const IDLE_SOCKET_MS = 10_000;
/** Twilio's answers are a few hundred bytes; anything far larger is not Twilio */
const MAX_RESPONSE_BYTES = 1 << 20;

const created = z.object({ sid: z.string().min(1), status: z.string() });
const refused = z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() });

interface Response {
  status: number;
  body: string;
}

/** Sends through Twilio's REST API; says whether a failure is worth retrying (429, 5xx, network). */
export function twilioSender(opts: TwilioSenderOptions): MessageSender {
  const endpoint = new URL(
    `2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`,
    `${(opts.apiUrl ?? "https://api.twilio.com").replace(/\/?$/, "/")}`,
  );
  const client = endpoint.protocol === "https:" ? https : http;
  // one pool of kept-alive connections: a TLS handshake per reply would cost more than the reply
  const agent = new client.Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_SOCKET_MS });
  const authorization = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString("base64")}`;

  const post = (form: URLSearchParams) =>
    new Promise<Response>((resolve, reject) => {
      const body = form.toString();
      const req = client.request(
        endpoint,
        {
          method: "POST",
          agent,
          signal: AbortSignal.timeout(DEADLINE_MS),
          headers: {
            authorization,
            accept: "application/json",
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          const answer = () => resolve({ status, body: Buffer.concat(chunks).toString("utf8") });
          // after a 2xx status line Twilio has the message, whatever happens to the rest of the answer:
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
      req.end(body);
    });

  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      const form = new URLSearchParams({
        To: twilioAddress(message.channel, message.to),
        ...(message.contentSid ? { ContentSid: message.contentSid } : { Body: message.text }),
        StatusCallback: opts.statusCallback(message.reference),
        ...(opts.messagingServiceSid
          ? { MessagingServiceSid: opts.messagingServiceSid }
          : { From: twilioAddress(message.channel, message.from) }),
      });
      let res: Response;
      try {
        res = await post(form);
      } catch (error) {
        return {
          ok: false,
          retryable: true,
          code: "network",
          reason: error instanceof Error ? error.message : String(error),
        };
      }
      const json = parseJson(res.body);
      if (res.status >= 200 && res.status < 300) {
        const sent = created.safeParse(json);
        // accepted by Twilio but unreadable: sending again could send twice, so it is not retried
        if (!sent.success)
          return {
            ok: false,
            retryable: false,
            code: String(res.status),
            reason: `unexpected answer from Twilio: ${res.body.slice(0, 200)}`,
          };
        return { ok: true, providerId: sent.data.sid, status: sent.data.status };
      }
      const error = refused.safeParse(json);
      const details = error.success ? error.data : {};
      return {
        ok: false,
        retryable: res.status === 429 || res.status >= 500,
        code: String(details.code ?? res.status),
        reason: details.message ?? `HTTP ${res.status}`,
      };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
