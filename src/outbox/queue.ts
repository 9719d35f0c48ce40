// How a reply enters the queue the sender works through: the bot's turns and caseworkers' deeds both queue here.
import type { Interactive } from "../channels/message.ts";
import type { Tx } from "../db/database.ts";

/** What the transcript keeps instead of a secret the person typed or was told. */
export const REDACTED = "[redacted]";

export interface Reply {
  contactId: number;
  channel: string;
  to: string;
  from: string;
  /** as plain text (a question's choices numbered under it): what the transcript keeps and SMS sends */
  text: string;
  /** the question with its choices as data, for a channel that shows them its own way (WhatsApp) */
  interactive?: Interactive;
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
      contactId: reply.contactId,
      direction: "out",
      body: reply.redact ? REDACTED : reply.text,
      redacted: reply.redact,
      ourAddress: reply.from,
      processedAt: new Date(),
      inReplyToId: reply.inReplyToId,
      staffUserId: reply.staffUserId,
      outbox: {
        create: {
          contactId: reply.contactId,
          channel: reply.channel,
          toAddress: reply.to,
          fromAddress: reply.from,
          body: reply.text,
          interactive: reply.interactive,
          contentSid: reply.contentSid,
        },
      },
    },
  });
}

/**
 * The last reply to a person who is erasing their data: an outbox row tied to no contact and no
 * transcript, so it outlives their rows; the outbox deletes it once it has left (src/outbox).
 */
export async function queueFarewell(tx: Tx, reply: Reply): Promise<void> {
  await tx.outbox.create({
    data: { channel: reply.channel, toAddress: reply.to, fromAddress: reply.from, body: reply.text },
  });
}
