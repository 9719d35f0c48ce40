import { Prisma as P } from "../db/generated/client.ts";
import type { Prisma, Tx } from "../db/database.ts";
import type { InboundMessage } from "../channels/message.ts";

/** What the transcript keeps instead of a secret the person typed or was told. */
export const REDACTED = "[redacted]";

export type Accepted = { accepted: true; contactId: number } | { accepted: false };

/**
 * Store an inbound message under its contact. Upserting the contact takes its row lock, so messages
 * from one person get ids in the order they were accepted, also across server processes.
 * A MessageSid seen before (Twilio retries) is refused by its unique index and reported as a duplicate.
 */
export async function acceptInbound(prisma: Prisma, msg: InboundMessage): Promise<Accepted> {
  try {
    return await prisma.$transaction(async (tx) => {
      const contact = await tx.contact.upsert({
        where: { channel_address: { channel: msg.channel, address: msg.from } },
        create: { channel: msg.channel, address: msg.from, lastInboundAt: msg.receivedAt },
        update: { lastInboundAt: msg.receivedAt },
        select: { id: true },
      });
      await tx.message.create({
        data: {
          contactId: contact.id, direction: "in", providerId: msg.providerId, body: msg.text,
          media: msg.media.map((m) => ({ url: m.url, contentType: m.contentType })), ourAddress: msg.to, createdAt: msg.receivedAt,
        },
      });
      return { accepted: true as const, contactId: contact.id };
    });
  } catch (error) {
    if (error instanceof P.PrismaClientKnownRequestError && error.code === "P2002") return { accepted: false };
    throw error;
  }
}

/** Hold the contact's row lock for the rest of the transaction: one turn at a time per person. */
export async function lockContact(tx: Tx, contactId: number) {
  await tx.$queryRaw`SELECT id FROM "Contact" WHERE id = ${contactId} FOR UPDATE`;
  return tx.contact.findUniqueOrThrow({ where: { id: contactId }, include: { session: true, conversation: { select: { status: true, urgent: true } } } });
}

export function nextUnprocessed(tx: Tx, contactId: number) {
  return tx.message.findFirst({ where: { contactId, direction: "in", processedAt: null }, orderBy: { id: "asc" } });
}

/** The person's latest message: the number they wrote to, and the turn a caseworker's deed belongs to. */
export function lastInbound(tx: Tx, contactId: number) {
  return tx.message.findFirst({ where: { contactId, direction: "in" }, orderBy: { id: "desc" }, select: { id: true, ourAddress: true } });
}

export async function markProcessed(tx: Tx, messageId: number, redact: boolean): Promise<void> {
  await tx.message.update({
    where: { id: messageId },
    data: { processedAt: new Date(), ...(redact ? { body: REDACTED, redacted: true } : {}) },
  });
}

export async function saveSession(tx: Tx, contactId: number, state: object): Promise<void> {
  await tx.session.upsert({ where: { contactId }, create: { contactId, state }, update: { state } });
}

export async function updateContact(tx: Tx, contactId: number, data: { language?: string; optedOut?: boolean }): Promise<void> {
  if (Object.keys(data).length > 0) await tx.contact.update({ where: { id: contactId }, data });
}

export interface Reply {
  contactId: number;
  channel: string;
  to: string;
  from: string;
  text: string;
  redact: boolean;
  /** the inbound message whose turn produced it (none when a caseworker writes or hands back) */
  inReplyToId?: number;
  /** the caseworker who wrote it */
  staffUserId?: number;
  /** an approved WhatsApp template sent instead of the text (outside the 24-hour window) */
  contentSid?: string;
}

/** A reply: a transcript row and an outbox row, in the caller's transaction. */
export async function queueReply(tx: Tx, reply: Reply): Promise<void> {
  await tx.message.create({
    data: {
      contactId: reply.contactId, direction: "out", body: reply.redact ? REDACTED : reply.text, redacted: reply.redact,
      ourAddress: reply.from, processedAt: new Date(), inReplyToId: reply.inReplyToId, staffUserId: reply.staffUserId,
      outbox: { create: { contactId: reply.contactId, channel: reply.channel, toAddress: reply.to, fromAddress: reply.from, body: reply.text, contentSid: reply.contentSid } },
    },
  });
}

/** Contacts with messages not yet answered: after a crash or a failed turn, they are picked up again. */
export async function contactsWithUnprocessed(prisma: Prisma, olderThan: Date): Promise<number[]> {
  const rows = await prisma.message.findMany({
    where: { direction: "in", processedAt: null, createdAt: { lte: olderThan } },
    distinct: ["contactId"],
    select: { contactId: true },
    take: 500,
  });
  return rows.map((r) => r.contactId);
}
