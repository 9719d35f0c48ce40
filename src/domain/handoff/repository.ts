import type { Prisma, Tx } from "../../db/database.ts";
import { MOVES, type Move } from "./state.ts";

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

export function findConversation(tx: Tx | Prisma, contactId: number) {
  return tx.conversation.findUnique({ where: { contactId } });
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

export function conversationDetail(prisma: Prisma, contactId: number) {
  return prisma.contact.findUnique({
    where: { id: contactId },
    select: {
      id: true,
      channel: true,
      address: true,
      language: true,
      lastInboundAt: true,
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
        orderBy: { id: "desc" },
        take: 300,
        select: {
          id: true,
          direction: true,
          body: true,
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
          reference: true,
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
}

/** `heldById`: the caseworker who holds the conversation, when the note's author is someone else. */
export async function addNote(
  tx: Tx,
  note: { contactId: number; staffUserId: number; heldById: number | null; body: string },
): Promise<void> {
  await tx.conversationNote.create({ data: note });
}

/** Someone a conversation may be passed to: an active account that answers people. */
export async function isColleague(tx: Tx, staffUserId: number): Promise<boolean> {
  const n = await tx.staffUser.count({
    where: { id: staffUserId, active: true, role: { in: ["admin", "caseworker"] } },
  });
  return n === 1;
}

/** The accounts a conversation may be passed to, for the transfer form. */
export function colleagues(prisma: Prisma) {
  return prisma.staffUser.findMany({
    where: { active: true, role: { in: ["admin", "caseworker"] } },
    orderBy: { email: "asc" },
    select: { id: true, email: true, languages: true },
  });
}
