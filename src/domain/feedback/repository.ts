import type { Prisma, Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";
import type { RowWindow } from "../paging.ts";
import { freeReference } from "../reference.ts";
import { FEEDBACK_PREFIX, type FeedbackKind, type FeedbackStatus, feedbackStatusSchema } from "./feedback.ts";

export interface NewFeedback {
  contactId: number;
  kind: FeedbackKind;
  text: string;
  language: string;
  channel: Channel;
}

/** Stores the feedback in the turn's transaction and returns its reference. */
export async function createFeedback(tx: Tx, feedback: NewFeedback): Promise<{ reference: string }> {
  const reference = await freeReference(
    FEEDBACK_PREFIX,
    async (r) => (await tx.feedback.findUnique({ where: { reference: r }, select: { id: true } })) !== null,
  );
  return tx.feedback.create({ data: { ...feedback, reference }, select: { reference: true } });
}

/** The status of this person's own feedback: another person's reference is answered as unknown. */
export async function feedbackStatusOf(
  tx: Tx,
  contactId: number,
  reference: string,
): Promise<FeedbackStatus | undefined> {
  const row = await tx.feedback.findFirst({ where: { reference, contactId }, select: { status: true } });
  return row ? feedbackStatusSchema.parse(row.status) : undefined;
}

/** A page of a queue, newest first: the confidential queue, or everything else. */
export function feedbackQueue(prisma: Prisma, confidential: boolean, window: RowWindow) {
  return prisma.feedback.findMany({
    where: confidential ? { kind: "confidential" } : { kind: { not: "confidential" } },
    orderBy: { id: "desc" },
    ...window,
    select: { id: true, reference: true, kind: true, text: true, language: true, status: true, createdAt: true },
  });
}

/** Changes a status in one queue; false when the id is not in that queue. */
export async function setFeedbackStatus(
  db: Tx | Prisma,
  id: number,
  confidential: boolean,
  status: FeedbackStatus,
): Promise<boolean> {
  const { count } = await db.feedback.updateMany({
    where: { id, kind: confidential ? "confidential" : { not: "confidential" } },
    data: { status },
  });
  return count === 1;
}

export type FeedbackRow = Awaited<ReturnType<typeof feedbackQueue>>[number];
