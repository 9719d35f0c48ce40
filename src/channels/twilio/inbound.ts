import { z } from "zod";
import type { Channel, InboundMessage, Media } from "../message.ts";

// Twilio adds fields without notice: validate what we use, let the rest through.
// Bounds and the NUL check keep what the database refuses (NUL bytes, index rows over ~2.7 kB) out of it:
// a forged or broken form gets a 400 here instead of a 500 from PostgreSQL.
const address = z
  .string()
  .trim()
  .min(3)
  .max(64)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .regex(/^[^\u0000-\u001f]+$/, "control characters in an address");
const inboundSchema = z.looseObject({
  MessageSid: z
    .string()
    .trim()
    .regex(/^(SM|MM|IM)[0-9a-zA-Z]{10,64}$/, "not a Twilio message id"),
  From: address,
  To: address,
  // a person's text is kept, minus the NUL bytes PostgreSQL cannot store
  Body: z
    .string()
    .max(10_000)
    .default("")
    .transform((s) => s.replaceAll("\u0000", "")),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  // a tapped WhatsApp quick-reply button sends its id as ButtonPayload, a list item its id as ListId;
  // our ids are short (src/engine/choice-payload.ts), WhatsApp allows 200 characters
  ButtonPayload: z.string().trim().min(1).max(200).optional().catch(undefined),
  ListId: z.string().trim().min(1).max(200).optional().catch(undefined),
});
const media = z.object({
  // z.url() takes a NUL in the path (URL would escape it), the raw string keeps it
  url: z
    .url()
    .max(2048)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^https?:[^\u0000-\u001f]*$/, "not an http(s) address"),
  contentType: z
    .string()
    .max(255)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001f]*$/, "control characters in a content type"),
});

const WHATSAPP = "whatsapp:";
export type ParsedInbound = { ok: true; message: InboundMessage } | { ok: false; reason: string };

function channelAddress(raw: string): { channel: Channel; number: string } {
  return raw.startsWith(WHATSAPP)
    ? { channel: "whatsapp", number: raw.slice(WHATSAPP.length) }
    : { channel: "sms", number: raw };
}

/** Twilio's "a message comes in" form, SMS or WhatsApp, to our neutral message. */
export function parseInbound(body: unknown, receivedAt: Date): ParsedInbound {
  const r = inboundSchema.safeParse(body);
  if (!r.success)
    return { ok: false, reason: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const { MessageSid, From, To, Body, NumMedia, ButtonPayload, ListId } = r.data;
  const from = channelAddress(From);
  const to = channelAddress(To);
  if (from.channel !== to.channel) return { ok: false, reason: "From and To are on different channels" };
  const list: Media[] = [];
  for (let i = 0; i < NumMedia; i++) {
    const m = media.safeParse({ url: r.data[`MediaUrl${i}`], contentType: r.data[`MediaContentType${i}`] });
    if (!m.success)
      return {
        ok: false,
        reason: `MediaUrl${i} or MediaContentType${i}: ${m.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
      };
    list.push(m.data);
  }
  return {
    ok: true,
    message: {
      providerId: MessageSid,
      channel: from.channel,
      from: from.number,
      to: to.number,
      text: Body,
      media: list,
      ...(from.channel === "whatsapp" && (ButtonPayload ?? ListId) ? { payload: ButtonPayload ?? ListId } : {}),
      receivedAt,
    },
  };
}

/** An address as Twilio wants it for this channel. */
export const twilioAddress = (channel: Channel, number: string) =>
  channel === "whatsapp" ? `${WHATSAPP}${number}` : number;
