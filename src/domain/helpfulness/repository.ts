import type { Prisma, Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";

export interface NewQuestion {
  contactId: number;
  journey: string;
  caseworkerId: number | null;
  language: string;
  channel: Channel;
}

/** What decides whether the person may be asked now: their opt-out, their latest question, a handoff's course. */
export async function askingState(tx: Tx, contactId: number) {
  const [contact, latest] = await Promise.all([
    tx.contact.findUnique({
      where: { id: contactId },
      select: { optedOut: true, conversation: { select: { reason: true, urgent: true, escalatedAt: true } } },
    }),
    tx.helpfulness.findFirst({ where: { contactId }, orderBy: { askedAt: "desc" }, select: { askedAt: true } }),
  ]);
  return { contact, lastAskedAt: latest?.askedAt };
}

/** The caseworker who last wrote to the person since the conversation was handed to staff, if any did. */
export async function lastCaseworker(tx: Tx, contactId: number, since: Date): Promise<number | null> {
  const reply = await tx.message.findFirst({
    where: { contactId, direction: "out", staffUserId: { not: null }, createdAt: { gte: since } },
    orderBy: { id: "desc" },
    select: { staffUserId: true },
  });
  return reply?.staffUserId ?? null;
}

/** The question is put: its row, answered later. */
export async function recordQuestion(tx: Tx, question: NewQuestion): Promise<number> {
  const row = await tx.helpfulness.create({ data: question, select: { id: true } });
  return row.id;
}

/** The person's answer, on their own question only. */
export async function recordAnswer(tx: Tx, contactId: number, id: number, helped: boolean): Promise<void> {
  await tx.helpfulness.updateMany({ where: { id, contactId }, data: { helped } });
}

/** After "no": what was missing, in the person's words. */
export async function recordMissing(tx: Tx, contactId: number, id: number, missing: string): Promise<void> {
  await tx.helpfulness.updateMany({ where: { id, contactId, helped: false }, data: { missing } });
}

/** Retention: the person's words given before `before` are emptied; the answers stay for the counts. */
export async function eraseMissingWords(db: Tx | Prisma, before: Date, now = new Date()): Promise<number> {
  const { count } = await db.helpfulness.updateMany({
    where: { askedAt: { lt: before }, missing: { not: null } },
    data: { missing: null, missingErasedAt: now },
  });
  return count;
}
