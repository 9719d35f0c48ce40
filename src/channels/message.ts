// Channel-neutral messages: what the conversation core sees, whichever provider carried them.
import { z } from "zod";
import { menuSchema } from "../engine/index.ts";
import type { Channel } from "./profile.ts";

export type { Channel };

export interface Media {
  url: string;
  contentType: string;
}

/** A message's stored `media` column (JSON) read back; anything else in it is skipped. */
export function readMedia(stored: unknown): Media[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((m: unknown) => {
    if (typeof m !== "object" || m === null) return [];
    const url: unknown = Reflect.get(m, "url");
    const contentType: unknown = Reflect.get(m, "contentType");
    return typeof url === "string" && typeof contentType === "string" ? [{ url, contentType }] : [];
  });
}

export interface InboundMessage {
  providerId: string;
  channel: Channel;
  /** the person's phone number, E.164, no channel prefix */
  from: string;
  /** our number the person wrote to; replies go out from it */
  to: string;
  text: string;
  media: Media[];
  /** a tapped choice (a WhatsApp button or list item): what it sends back (Choice.payload) */
  payload?: string;
  receivedAt: Date;
}

/** A question with its choices, as the engine emitted it (msg_created): each channel renders it its own way. */
export const interactiveSchema = z.object({ text: z.string(), menu: menuSchema });
export type Interactive = z.infer<typeof interactiveSchema>;

export interface OutboundMessage {
  channel: Channel;
  to: string;
  from: string;
  /** as plain text: the numbered choices under a question (what SMS sends, and any channel when all else fails) */
  text: string;
  /** the question and its choices as data, for a channel that can show them as buttons or a list */
  interactive?: Interactive;
  /** an approved WhatsApp template (Twilio Content SID), sent instead of the text */
  contentSid?: string;
  /** the template's variables ({ "1": "…" }), for one that carries a text of ours (a broadcast's) */
  contentVariables?: Record<string, string>;
  /** lets delivery reports find this message even before the provider's id is stored */
  reference: string;
}

export type SendResult =
  | { ok: true; providerId: string; status: string }
  /** maybeSent: the request left and no answer came (a timeout, a reset): the provider may have the message */
  | { ok: false; retryable: boolean; code: string; reason: string; maybeSent?: boolean };

/** The provider's messages that could be this one, oldest first (the caller knows which ids it has recorded). */
export type LookUpResult =
  | { ok: true; matches: { providerId: string; status: string }[] }
  | { ok: false; code: string; reason: string };

export interface MessageSender {
  send(message: OutboundMessage): Promise<SendResult>;
  /** the provider's messages to the same person with the same content, created since `since` */
  lookUp?(message: OutboundMessage, since: Date): Promise<LookUpResult>;
}

/**
 * A delivery report, in the order statuses normally come; a report never moves a message backwards.
 * Every status Twilio documents for an outbound message ("receiving"/"received" are an inbound one's).
 */
export const DELIVERY_STATUSES = [
  "accepted",
  "scheduled",
  "queued",
  "sending",
  "sent",
  "partially_delivered",
  "delivered",
  "undelivered",
  "failed",
  "canceled",
  "read",
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// partially_delivered: some parts arrived, the rest may still; canceled: a scheduled message that never left (final)
const RANK: Record<DeliveryStatus, number> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  partially_delivered: 4,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  canceled: 5,
  read: 6,
};
/** statuses a report of `status` may replace */
export const statusesBelow = (status: DeliveryStatus): DeliveryStatus[] =>
  DELIVERY_STATUSES.filter((s) => RANK[s] < RANK[status]);

export interface DeliveryReport {
  reference: string;
  providerId: string;
  status: DeliveryStatus;
  errorCode?: string;
}

/** A media file of a person's message, as the provider hands it over: its type, size when known, and bytes. */
export type MediaDownload =
  | { ok: true; contentType: string; length: number | undefined; body: ReadableStream<Uint8Array> }
  | { ok: false; reason: "too_large" | "unavailable" };

/** Fetches a person's media from the provider that received it (its credentials stay on the server). */
export interface MediaFetcher {
  fetch(url: string, maxBytes: number, signal: AbortSignal): Promise<MediaDownload>;
}
