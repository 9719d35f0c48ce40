// A reply whose last send may have reached Twilio unheard (src/outbox/repository.ts, doubtSince) is looked up
// there before it is sent again, so a crash between Twilio's answer and our record of it sends nothing twice
// even when Twilio's status callbacks never come.
import type { LookUpResult, MessageSender, OutboundMessage } from "../channels/message.ts";

/** Of these provider ids, the ones our rows already carry (the queue the message in doubt belongs to). */
export type RecordedSids = (sids: string[]) => Promise<Set<string>>;

export type Reconciled =
  | { ok: true; found: { providerId: string; status: string } | undefined }
  | Extract<LookUpResult, { ok: false }>;

/**
 * Twilio's copy of this reply, if it has one. The rule for several alike (two identical "Sorry" to one person):
 * a person's replies leave one at a time (claimDue), so every earlier one is recorded with its id before this
 * one is sent, and a message Twilio holds for them that no row records is this one. Rows that are alike and in
 * doubt together (a farewell to a number that wrote again) each take a different message, oldest first, and the
 * one that finds none left is sent: as many copies leave as there are rows, never more.
 */
export async function reconcile(
  recordedSids: RecordedSids,
  sender: MessageSender,
  message: OutboundMessage,
  since: Date,
): Promise<Reconciled> {
  // a sender that cannot look messages up (the terminal chat) can only send again
  if (!sender.lookUp) return { ok: true, found: undefined };
  const listed = await sender.lookUp(message, since);
  if (!listed.ok) return listed;
  const recorded = await recordedSids(listed.matches.map((m) => m.providerId));
  return { ok: true, found: listed.matches.find((m) => !recorded.has(m.providerId)) };
}
