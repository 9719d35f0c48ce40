import type { Prisma } from "../db/database.ts";
import { type DeliveryReport, type DeliveryStatus, statusesBelow } from "../channels/message.ts";

export interface ClaimedReply {
  id: number;
  contactId: number;
  channel: string;
  toAddress: string;
  fromAddress: string;
  body: string;
  contentSid: string | null;
  attempts: number;
}

/** How long a claimed row stays ours before another worker may take it (a crash mid-send). */
const LEASE_SECONDS = 60;

/**
 * Claim replies ready to send: at most the oldest unsent one per contact, so a person's replies
 * leave in order even while an earlier one waits for a retry. SKIP LOCKED lets several processes share the work.
 */
export async function claimDue(prisma: Prisma, limit: number): Promise<ClaimedReply[]> {
  return prisma.$queryRaw<ClaimedReply[]>`
    UPDATE "Outbox" SET status = 'sending', "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
      attempts = attempts + 1, "updatedAt" = now()
    WHERE id IN (
      SELECT o.id FROM "Outbox" o
      WHERE ((o.status = 'pending' AND o."nextAttemptAt" <= now()) OR (o.status = 'sending' AND o."lockedUntil" < now()))
        AND NOT EXISTS (SELECT 1 FROM "Outbox" p WHERE p."contactId" = o."contactId" AND p.id < o.id AND p.status IN ('pending', 'sending'))
      ORDER BY o.id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "contactId", channel, "toAddress", "fromAddress", body, "contentSid", attempts`;
}

export async function markSent(prisma: Prisma, id: number, providerSid: string, status: string): Promise<void> {
  // the text leaves the outbox once Twilio has it; the transcript keeps its own copy (redacted where needed)
  // one transaction: a reader never sees "sent" without the provider's first status
  await prisma.$transaction([
    prisma.outbox.update({ where: { id }, data: { status: "sent", providerSid, body: "", lockedUntil: null, lastError: null } }),
    deliveryUpdate(prisma, { reference: String(id), providerId: providerSid, status: asStatus(status) }),
  ]);
}

export async function markRetry(prisma: Prisma, id: number, delayMs: number, error: string): Promise<void> {
  await prisma.outbox.update({ where: { id }, data: { status: "pending", nextAttemptAt: new Date(Date.now() + delayMs), lockedUntil: null, lastError: error } });
}

export async function markFailed(prisma: Prisma, id: number, code: string, error: string): Promise<void> {
  await prisma.outbox.update({ where: { id }, data: { status: "failed", errorCode: code, lastError: error, lockedUntil: null } });
}

/** Apply a delivery report unless the message already has a later status (reports arrive out of order). */
export async function recordDelivery(prisma: Prisma, report: DeliveryReport): Promise<boolean> {
  const { count } = await deliveryUpdate(prisma, report);
  return count > 0;
}

function deliveryUpdate(prisma: Prisma, report: DeliveryReport) {
  return prisma.outbox.updateMany({
    where: { id: Number(report.reference), OR: [{ deliveryStatus: null }, { deliveryStatus: { in: statusesBelow(report.status) } }] },
    data: { deliveryStatus: report.status, providerSid: report.providerId, ...(report.errorCode ? { errorCode: report.errorCode } : {}) },
  });
}

const asStatus = (s: string): DeliveryStatus => (s === "accepted" || s === "queued" || s === "sending" || s === "sent" ? s : "queued");
