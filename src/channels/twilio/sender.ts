import twilio from "twilio";
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

/** Sends through Twilio's REST API; says whether a failure is worth retrying (429, 5xx, network). */
export function twilioSender(opts: TwilioSenderOptions): MessageSender {
  const client = twilio(opts.accountSid, opts.authToken, { timeout: 15_000, autoRetry: false });
  if (opts.apiUrl) client.api.baseUrl = opts.apiUrl.replace(/\/$/, "");
  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      try {
        const sent = await client.messages.create({
          to: twilioAddress(message.channel, message.to),
          ...(message.contentSid ? { contentSid: message.contentSid } : { body: message.text }),
          statusCallback: opts.statusCallback(message.reference),
          ...(opts.messagingServiceSid ? { messagingServiceSid: opts.messagingServiceSid } : { from: twilioAddress(message.channel, message.from) }),
        });
        return { ok: true, providerId: sent.sid, status: sent.status };
      } catch (error) {
        const status = typeof error === "object" && error !== null ? Reflect.get(error, "status") : undefined;
        const code = typeof error === "object" && error !== null ? Reflect.get(error, "code") : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        if (typeof status !== "number") return { ok: false, retryable: true, code: "network", reason };
        return { ok: false, retryable: status === 429 || status >= 500, code: String(code ?? status), reason };
      }
    },
  };
}
