import { readMedia } from "../../channels/message.ts";
import type { Prisma, Tx } from "../../db/database.ts";
import { channelSchema, directionSchema } from "../stored-values.ts";
import { MOVES, type Move, statusSchema } from "./state.ts";

/**
 * The one place a conversation's status changes: a conditional update from the states the move
 * allows. Callers hold the contact's row lock, so a racing take, hand-back or inbound message waits
 * its turn and then sees the new state. Returns false when the conversation was not in a state the
 * move starts from (someone else got there first).
 */
export async function transition(
  tx: Tx,
  contactId: number,
  move: Move,
  data: { urgent?: boolean; reason?: string; escalatedAt?: Date; assigneeId?: number | null } = {},
): Promise<boolean> {
  const { from, to } = MOVES[move];
  // no row yet is the same as "bot"
  await tx.conversation.upsert({ where: { contactId }, create: { contactId }, update: {} });
  const { count } = await tx.conversation.updateMany({
    where: { contactId, status: { in: [...from] } },
    data: { ...data, status: to },
  });
  return count === 1;
}

export async function findConversation(tx: Tx | Prisma, contactId: number) {
  const c = await tx.conversation.findUnique({ where: { contactId } });
  return c && { ...c, status: statusSchema.parse(c.status) };
}

/** A message came in while a person answers: touch the row (the inbox watches updatedAt), maybe urgent now. */
export async function touchConversation(tx: Tx, contactId: number, urgent: boolean): Promise<void> {
  await tx.conversation.update({ where: { contactId }, data: { urgent } });
}

/** A fingerprint of the inbox: it changes whenever a row of it does (also from another server process). */
export async function inboxVersion(prisma: Prisma): Promise<string> {
  const r = await prisma.conversation.aggregate({ _max: { updatedAt: true }, _count: { _all: true } });
  return `${r._count._all}:${r._max.updatedAt?.getTime() ?? 0}`;
}

/** Messages a conversation page shows at once: the newest, then older ones a page at a time. */
export const TRANSCRIPT_PAGE = 50;

/**
 * The person and their conversation; the messages newest first, TRANSCRIPT_PAGE of them (and one more, which
 * says there are earlier ones) before the message `before` when given (keyset: pages stay put as messages come).
 */
export async function conversationDetail(prisma: Prisma, contactId: number, before?: number) {
  const d = await prisma.contact.findUnique({
    where: { id: contactId },
    select: {
      id: true,
      channel: true,
      address: true,
      language: true,
      createdAt: true,
      lastInboundAt: true,
      noticeVersion: true,
      noticeSeenAt: true,
      updatesConsent: true,
      updatesConsentAt: true,
      conversation: {
        select: {
          status: true,
          urgent: true,
          reason: true,
          escalatedAt: true,
          assigneeId: true,
          assignee: { select: { id: true, email: true } },
        },
      },
      messages: {
        where: before === undefined ? {} : { id: { lt: before } },
        orderBy: { id: "desc" },
        take: TRANSCRIPT_PAGE + 1,
        select: {
          id: true,
          direction: true,
          body: true,
          media: true,
          redacted: true,
          personal: true,
          createdAt: true,
          failure: true,
          staffUser: { select: { email: true } },
          outbox: { select: { status: true, deliveryStatus: true, contentSid: true } },
        },
      },
      notes: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          body: true,
          createdAt: true,
          staffUser: { select: { email: true } },
          heldBy: { select: { email: true } },
        },
      },
      // what they reported, by reference: a need saved from words of danger is why the conversation is here
      needs: {
        orderBy: { id: "desc" },
        take: 10,
        select: {
          id: true,
          reference: true,
          status: true,
          category: true,
          urgency: true,
          risk: true,
          text: true,
          textErasedAt: true,
          createdAt: true,
        },
      },
    },
  });
  return (
    d && {
      ...d,
      channel: channelSchema.parse(d.channel),
      conversation: d.conversation && { ...d.conversation, status: statusSchema.parse(d.conversation.status) },
      messages: d.messages.map((m) => ({ ...m, direction: directionSchema.parse(m.direction) })),
    }
  );
}

/** `heldById`: the caseworker who holds the conversation, when the note's author is someone else. */
export async function addNote(
  tx: Tx,
  note: { contactId: number; staffUserId: number; heldById: number | null; body: string },
): Promise<void> {
  await tx.conversationNote.create({ data: note });
}

/** Conversations waiting for a person to take them, by urgency (for /metrics). */
export async function handoffsWaiting(prisma: Prisma): Promise<{ urgent: number; normal: number }> {
  const rows = await prisma.conversation.groupBy({
    by: ["urgent"],
    where: { status: "waiting_for_person" },
    _count: { _all: true },
  });
  const count = (urgent: boolean) => rows.find((r) => r.urgent === urgent)?._count._all ?? 0;
  return { urgent: count(true), normal: count(false) };
}

/** The media the person sent with one of their messages in this conversation; undefined when there is no such message. */
export async function messageMedia(prisma: Prisma, contactId: number, messageId: number) {
  const m = await prisma.message.findFirst({
    where: { id: messageId, contactId, direction: "in" },
    select: { media: true },
  });
  return m ? readMedia(m.media) : undefined;
}

/** The person's latest message: the number they wrote to, and the turn a caseworker's deed belongs to. */
export function lastInbound(tx: Tx, contactId: number) {
  return tx.message.findFirst({
    where: { contactId, direction: "in" },
    orderBy: { id: "desc" },
    select: { id: true, ourAddress: true },
  });
}

/** Someone a conversation may be passed to: an active account that answers people. */
const ANSWERS_PEOPLE = { active: true, role: { in: ["admin", "caseworker"] } };

export async function isColleague(tx: Tx, staffUserId: number): Promise<boolean> {
  const n = await tx.staffUser.count({ where: { id: staffUserId, ...ANSWERS_PEOPLE } });
  return n === 1;
}

/** The accounts a conversation may be passed to, for the transfer form. */
export function colleagues(prisma: Prisma) {
  return prisma.staffUser.findMany({
    where: ANSWERS_PEOPLE,
    orderBy: { email: "asc" },
    select: { id: true, email: true, languages: true },
  });
}
