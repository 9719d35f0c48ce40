// Sending is one form POST to Twilio's Messages resource; a WhatsApp question with choices goes as
// interactive content (buttons or a list, src/channels/twilio/content.ts) created once through the
// Content API, its numbered text where that cannot be.
import { z } from "zod";
import type { MessageSender, OutboundMessage, SendResult } from "../message.ts";
import { CHANNEL_PROFILES } from "../profile.ts";
import { type ContentStore, contentSids } from "./content-api.ts";
import { interactiveContent } from "./content.ts";
import { twilioAddress } from "./inbound.ts";
import { lookUpMessages } from "./lookup.ts";
import { parseJson, type RestResponse, twilioRest } from "./rest.ts";

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL: a local server speaking Twilio's APIs (Messages and Content) in tests and staging */
  apiUrl?: string;
  messagingServiceSid?: string;
  /** TWILIO_CONNECTIONS: requests to Twilio at once */
  connections: number;
  /** builds the StatusCallback URL for a message */
  statusCallback(reference: string): string;
  /** where created WhatsApp contents are remembered; without it, questions go as numbered text */
  contents?: ContentStore;
  /** interactive content could not be made: the numbered text went instead (the caller logs it) */
  onContentFailure?(error: unknown): void;
}

const created = z.object({ sid: z.string().min(1), status: z.string() });
const refused = z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() });
/** network errors raised before a request could leave: Twilio cannot have the message */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Sends through Twilio's REST API; says whether a failure is worth retrying (429, 5xx, network). */
export function twilioSender(opts: TwilioSenderOptions): MessageSender {
  const endpoint = new URL(
    `2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`,
    `${(opts.apiUrl ?? "https://api.twilio.com").replace(/\/?$/, "/")}`,
  );
  const { post, get } = twilioRest(opts);
  const contents = opts.contents && contentSids(post, opts.apiUrl ?? "https://content.twilio.com", opts.contents);

  /** The buttons or list a message's question goes as, where the channel shows them and contents can be made. */
  const interactiveOf = (message: OutboundMessage) =>
    contents && message.interactive && CHANNEL_PROFILES[message.channel].interactiveMenus
      ? interactiveContent(message.interactive)
      : undefined;

  /** The Content SID a message goes as: its template, or its question's buttons or list; none for plain text. */
  async function contentOf(message: OutboundMessage): Promise<string | undefined> {
    if (message.contentSid) return message.contentSid;
    const definition = interactiveOf(message);
    if (!contents || !definition) return undefined;
    try {
      return await contents.sidFor(definition);
    } catch (error) {
      // the person still gets the question, numbered, rather than nothing or a wait
      opts.onContentFailure?.(error);
      return undefined;
    }
  }

  return {
    lookUp: (message, since) =>
      lookUpMessages(get, endpoint, {
        to: twilioAddress(message.channel, message.to),
        sender: opts.messagingServiceSid
          ? { messagingServiceSid: opts.messagingServiceSid }
          : { from: twilioAddress(message.channel, message.from) },
        // content's numbered text may have gone instead when making it failed: the text is then not a test
        body: message.contentSid || interactiveOf(message) ? undefined : message.text,
        since,
      }),

    async send(message: OutboundMessage): Promise<SendResult> {
      const contentSid = await contentOf(message);
      const form = new URLSearchParams({
        To: twilioAddress(message.channel, message.to),
        ...(contentSid ? { ContentSid: contentSid } : { Body: message.text }),
        ...(contentSid && message.contentVariables
          ? { ContentVariables: JSON.stringify(message.contentVariables) }
          : {}),
        StatusCallback: opts.statusCallback(message.reference),
        ...(opts.messagingServiceSid
          ? { MessagingServiceSid: opts.messagingServiceSid }
          : { From: twilioAddress(message.channel, message.from) }),
      });
      let res: RestResponse;
      try {
        res = await post(endpoint, form.toString(), "application/x-www-form-urlencoded");
      } catch (error) {
        const code: unknown = typeof error === "object" && error !== null ? Reflect.get(error, "code") : undefined;
        return {
          ok: false,
          retryable: true,
          code: "network",
          reason: error instanceof Error ? error.message : String(error),
          maybeSent: typeof code !== "string" || !NEVER_CONNECTED.has(code),
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
