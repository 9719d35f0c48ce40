import type { Prisma, Tx } from "../../db/database.ts";
import type { Contact } from "../../db/generated/client.ts";
import type { Channel } from "../../channels/profile.ts";
import { channelSchema } from "../stored-values.ts";
import type { SidHash } from "./erased-sids.ts";

export type LockedContact = Omit<Contact, "channel"> & { channel: Channel };

/**
 * Holds the contact's row lock for the rest of the transaction: one turn or staff deed at a time per
 * person. The row as locked; null when there is no such contact (or it was erased before the lock was ours).
 */
export async function lockContact(tx: Tx, contactId: number): Promise<LockedContact | null> {
  const rows = await tx.$queryRaw<Contact[]>`SELECT * FROM "Contact" WHERE id = ${contactId} FOR UPDATE`;
  const row = rows[0];
  return row ? { ...row, channel: channelSchema.parse(row.channel) } : null;
}

/**
 * Deletes the contact (their phone number) and, through the schema's cascades, everything that is
 * only about them: session, transcript, outbox rows, caseworker notes, conversation state and case
 * lookup attempts. Audit entries stay, no longer pointing to them (contactId set null).
 */
export async function deleteContact(tx: Tx, contactId: number): Promise<{ channel: string }> {
  return tx.contact.delete({ where: { id: contactId }, select: { channel: true } });
}

export async function contactExists(prisma: Prisma, contactId: number): Promise<boolean> {
  return (await prisma.contact.count({ where: { id: contactId } })) > 0;
}

/**
 * Before an erasure: the contact's MessageSids, as keyed hashes,
 * are refused until `expiresAt` (acceptInbound reads them).
 */
export async function rememberErasedSids(tx: Tx, contactId: number, hash: SidHash, expiresAt: Date): Promise<number> {
  const sids = await tx.message.findMany({
    where: { contactId, providerId: { not: null } },
    select: { providerId: true },
  });
  const data = sids.flatMap((m) => (m.providerId ? [{ sidHash: hash(m.providerId), expiresAt }] : []));
  return (await tx.erasedMessageSid.createMany({ data, skipDuplicates: true })).count;
}

export async function forgetExpiredErasedSids(prisma: Prisma, now: Date): Promise<number> {
  return (await prisma.erasedMessageSid.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

/** The engine's session as stored for the contact (JSON, read through the engine's schema); null: none yet. */
export async function storedSession(tx: Tx, contactId: number): Promise<unknown> {
  const row = await tx.session.findUnique({ where: { contactId }, select: { state: true } });
  return row?.state ?? null;
}
