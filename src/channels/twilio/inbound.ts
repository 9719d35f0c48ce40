import { z } from "zod";
import type { Channel, InboundMessage, Media } from "../message.ts";

// Twilio adds fields without notice: validate what we use, let the rest through.
const field = z.string().trim();
const inboundSchema = z.looseObject({
  MessageSid: field.regex(/^(SM|MM|IM)[0-9a-zA-Z]{10,}$/, "not a Twilio message id"),
  From: field.min(3),
  To: field.min(3),
  Body: z.string().max(10_000).default(""),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

const WHATSAPP = "whatsapp:";
export type ParsedInbound = { ok: true; message: InboundMessage } | { ok: false; reason: string };

function address(raw: string): { channel: Channel; number: string } {
  return raw.startsWith(WHATSAPP) ? { channel: "whatsapp", number: raw.slice(WHATSAPP.length) } : { channel: "sms", number: raw };
}

/** Twilio's "a message comes in" form, SMS or WhatsApp, to our neutral message. */
export function parseInbound(body: unknown, receivedAt: Date): ParsedInbound {
  const r = inboundSchema.safeParse(body);
  if (!r.success) return { ok: false, reason: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const { MessageSid, From, To, Body, NumMedia } = r.data;
  const from = address(From);
  const to = address(To);
  if (from.channel !== to.channel) return { ok: false, reason: "From and To are on different channels" };
  const media: Media[] = [];
  for (let i = 0; i < NumMedia; i++) {
    const url = r.data[`MediaUrl${i}`];
    const contentType = r.data[`MediaContentType${i}`];
    if (typeof url !== "string" || typeof contentType !== "string") return { ok: false, reason: `MediaUrl${i} or MediaContentType${i} missing` };
    media.push({ url, contentType });
  }
  return { ok: true, message: { providerId: MessageSid, channel: from.channel, from: from.number, to: to.number, text: Body, media, receivedAt } };
}

/** An address as Twilio wants it for this channel. */
export const twilioAddress = (channel: Channel, number: string) => (channel === "whatsapp" ? `${WHATSAPP}${number}` : number);
