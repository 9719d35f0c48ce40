import { readFileSync } from "node:fs";
import { newSession } from "../../src/engine/index.ts";
import type { Harness } from "./harness.ts";
import { inboundForm } from "./twilio-signing.ts";

/** The person's message, optionally with media (a voice note, a photo) as Twilio sends it. */
export type LiveStep =
  | { who: "user"; text: string; media?: { url: string; contentType: string }[] }
  | { who: "bot"; match: RegExp | string };
export const say = (text: string, media?: { url: string; contentType: string }[]): LiveStep => ({
  who: "user",
  text,
  media,
});
export const hear = (match: RegExp | string): LiveStep => ({ who: "bot", match });

let phones = 0;
/** a number no other test uses, so each conversation starts fresh */
export const freshPhone = () =>
  `+3069${String(process.pid % 1000).padStart(3, "0")}${String(++phones).padStart(5, "0")}`;

/**
 * A person talking to the whole bot: signed webhooks in, the real processor, database and domain
 * actions, replies read off the Twilio stand-in. `lang` starts the person with a chosen language, as after
 * their welcome: the current privacy notice seen.
 */
export async function conversation(
  h: Harness,
  opts: { lang?: string; channel?: "sms" | "whatsapp"; phone?: string } = {},
) {
  const channel = opts.channel ?? "whatsapp";
  const phone = opts.phone ?? freshPhone();
  const address = channel === "whatsapp" ? `whatsapp:${phone}` : phone;
  if (opts.lang) {
    const prisma = h.server.db.prisma;
    const noticeVersion = h.config.PRIVACY_NOTICE_VERSION;
    await prisma.contact.create({
      data: {
        channel,
        address: phone,
        language: opts.lang,
        noticeVersion,
        noticeSeenAt: new Date(),
        session: { create: { state: { ...newSession(), noticeSeen: noticeVersion } } },
      },
    });
  }
  let read = h.twilio.to(address).length;
  /** every reply queued since the last look, once all have left */
  const received = async () => {
    await h.server.processor.idle();
    await outboxDrained(h, { phone, channel });
    const all = h.twilio.to(address);
    const replies = all.slice(read);
    read = all.length;
    return replies;
  };
  return {
    phone,
    /** send one message and return every reply the bot queued for it, once all have left */
    async send(text: string, media: { url: string; contentType: string }[] = []): Promise<string[]> {
      const extra: Record<string, string> = { NumMedia: String(media.length) };
      media.forEach((m, i) => {
        extra[`MediaUrl${i}`] = m.url;
        extra[`MediaContentType${i}`] = m.contentType;
      });
      const res = await h.post("/webhooks/twilio", inboundForm({ from: phone, body: text, channel, extra }));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      return received();
    },
    /**
     * tap a WhatsApp button (its id comes back as ButtonPayload, its title as ButtonText) or list item
     * (ListId, ListTitle), as Twilio posts it; the Body carries the title, as on the person's screen
     */
    async tap(kind: "button" | "list", id: string, title: string): Promise<string[]> {
      const extra: Record<string, string> =
        kind === "button"
          ? { ButtonPayload: id, ButtonText: title, MessageType: "button" }
          : { ListId: id, ListTitle: title, MessageType: "interactive" };
      const res = await h.post("/webhooks/twilio", inboundForm({ from: phone, body: title, channel, extra }));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      return received();
    },
    /** replies that came without a message of the person's (a caseworker's hand-back), once all have left */
    received,
    /** the processor's sweep runs (as it does every 10 s) and retries unanswered messages; the replies it brought */
    async swept(): Promise<string[]> {
      await h.server.processor.sweep(0);
      return received();
    },
  };
}

/**
 * Waits until no reply is pending or sending: those to one person (by channel and number) when `to` is
 * given, every one in the outbox otherwise.
 */
export async function outboxDrained(
  h: Harness,
  to?: { phone: string; channel: string },
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // the last reply to a person erasing their data belongs to no contact any more
  const whose = to
    ? {
        OR: [
          { contact: { channel: to.channel, address: to.phone } },
          { contactId: null, channel: to.channel, toAddress: to.phone },
        ],
      }
    : {};
  for (;;) {
    const waiting = await h.server.db.prisma.outbox.count({
      where: { ...whose, status: { in: ["pending", "sending"] } },
    });
    if (waiting === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${waiting} replies${to ? ` to ${to.phone}` : ""} still not sent after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs a whole conversation as steps, failing with the transcript so far when the bot says otherwise. */
export async function playLive(
  h: Harness,
  opts: { lang?: string; channel?: "sms" | "whatsapp"; phone?: string },
  steps: LiveStep[],
) {
  const c = await conversation(h, opts);
  let pending: string[] = [];
  const said: string[] = [];
  for (const [i, step] of steps.entries()) {
    if (step.who === "user") {
      if (pending.length)
        throw new Error(`step ${i}: the bot also said, unchecked:\n${pending.join("\n---\n")}\n\n${said.join("\n")}`);
      pending = await c.send(step.text, step.media);
      said.push(`user: ${step.text}`);
    } else {
      const next = pending.shift();
      if (next === undefined)
        throw new Error(`step ${i}: expected the bot to say ${step.match}, it said nothing more.\n${said.join("\n")}`);
      const ok = typeof step.match === "string" ? next.includes(step.match) : step.match.test(next);
      if (!ok) throw new Error(`step ${i}: expected ${step.match}, the bot said:\n${next}\n\n${said.join("\n")}`);
      said.push(`bot: ${next}`);
    }
  }
  if (pending.length) throw new Error(`the bot also said, unchecked:\n${pending.join("\n---\n")}`);
  return c;
}

/** "Did this help?" in a language (flows/helpful.yaml), as the bot writes it before its choices. */
export const helpfulQuestion = (lang = "en"): string =>
  JSON.parse(readFileSync(`locales/${lang}/helpful.json`, "utf8")).helpful.question;

/** The bot asks "Did this help?" in the person's language, as an information journey or a handoff ends. */
export const askedIfHelped = (lang = "en"): LiveStep => hear(helpfulQuestion(lang));
