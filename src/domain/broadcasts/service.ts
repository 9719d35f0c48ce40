// Broadcasts' life: queued at their time (all recipients in one statement), paused, resumed, cancelled (each
// audited), done once nothing is left to send; and a test to the composer's own number. The sending itself is the
// outbox's broadcast lane (src/outbox/broadcast-sender.ts).
import type { Prisma } from "../../db/database.ts";
import { windowOpen } from "../../channels/profile.ts";
import type { Logger } from "../../logger.ts";
import { applyPlans } from "../../turns/apply-plans.ts";
import { audit } from "../audit/repository.ts";
import { lockContact } from "../contacts/repository.ts";
import { lastInbound } from "../handoff/repository.ts";
import { repeatEvery } from "../repeat.ts";
import { channelSchema } from "../stored-values.ts";
import { type BroadcastStatus, changeStatus, finishSent, findBroadcast, queueNextDue } from "./repository.ts";

export interface BroadcastDeps {
  prisma: Prisma;
  log: Logger;
  defaultLanguage: string;
  /** a broadcast was queued or resumed: the sender may start now */
  onQueued(): void;
  /** a test was queued as a reply: the outbox may send it now */
  onReplies(): void;
}

/** One round: every due broadcast queued, finished ones marked done. */
export async function broadcastRound(deps: BroadcastDeps): Promise<void> {
  for (
    let q = await queueNextDue(deps.prisma, deps.defaultLanguage);
    q;
    q = await queueNextDue(deps.prisma, deps.defaultLanguage)
  ) {
    deps.log.info({ broadcastId: q.id, queued: q.queued, ms: q.ms }, "broadcast queued");
    await audit(deps.prisma, {
      staffUserId: null,
      action: "broadcast_queued",
      detail: { broadcastId: q.id, recipients: q.queued, ms: q.ms },
    });
    deps.onQueued();
  }
  for (const id of await finishSent(deps.prisma))
    await audit(deps.prisma, { staffUserId: null, action: "broadcast_done", detail: { broadcastId: id } });
}

/** A round that logs its failure (the next one tries again: everything is in the database). */
async function safeRound(deps: BroadcastDeps): Promise<void> {
  try {
    await broadcastRound(deps);
  } catch (err) {
    deps.log.error({ err }, "broadcast round failed");
  }
}

/**
 * A broadcast was scheduled (or resumed before it was ever queued): queue it now if it is due, rather than at the
 * next poll (waking the sender alone finds no recipients: a scheduled broadcast has none yet).
 */
export const queueDueNow = (deps: BroadcastDeps): void => void safeRound(deps);

/** Looks for due and finished broadcasts every `pollMs`; a restart loses nothing (it is all in the database). */
export function startBroadcasts(deps: BroadcastDeps, pollMs: number): () => Promise<void> {
  return repeatEvery(pollMs, () => safeRound(deps));
}

/** What staff may do to a broadcast, from which states. */
export const BROADCAST_DEEDS = {
  pause: { from: ["sending", "scheduled"], to: "paused" },
  resume: { from: ["paused"], to: "sending" },
  cancel: { from: ["scheduled", "sending", "paused"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly BroadcastStatus[]; to: BroadcastStatus }>;
export type BroadcastDeed = keyof typeof BROADCAST_DEEDS;
export const BROADCAST_DEED_NAMES: readonly BroadcastDeed[] = ["pause", "resume", "cancel"];

/**
 * Pause, resume or cancel, audited. A broadcast paused before its time resumes as sending: it is queued at once
 * if it was not yet (the round queues "scheduled" ones only, so it goes back to that).
 */
export async function broadcastDeed(
  deps: BroadcastDeps,
  staffUserId: number,
  id: number,
  deed: BroadcastDeed,
): Promise<boolean> {
  const { from, to } = BROADCAST_DEEDS[deed];
  const b = await findBroadcast(deps.prisma, id);
  const target = deed === "resume" && b?.queuedAt === null ? "scheduled" : to;
  if (!b || !(await changeStatus(deps.prisma, id, from, target))) return false;
  await audit(deps.prisma, { staffUserId, action: `broadcast_${deed}`, detail: { broadcastId: id } });
  if (target === "scheduled") queueDueNow(deps);
  else if (deed === "resume") deps.onQueued();
  return true;
}

export type TestOutcome = { ok: true } | { ok: false; reason: "no_broadcast" | "never_wrote" | "window_closed" };

/**
 * The broadcast's text in one language to the composer's own number, through the outbox's conversation lane (it
 * is one message): the number must have written to the line, so we know which of our numbers it reaches, and on
 * WhatsApp within 24 hours, since a test is the text as people in the window read it.
 */
export async function sendTest(
  deps: BroadcastDeps,
  test: { staffUserId: number; broadcastId: number; language: string; phone: string; channel: string },
): Promise<TestOutcome> {
  const b = await findBroadcast(deps.prisma, test.broadcastId);
  const text = b?.texts[test.language];
  if (!b || !text) return { ok: false, reason: "no_broadcast" };
  const channel = channelSchema.parse(test.channel);
  const outcome = await deps.prisma.$transaction(async (tx): Promise<TestOutcome> => {
    const found = await tx.contact.findUnique({
      where: { channel_address: { channel, address: test.phone } },
      select: { id: true },
    });
    const contact = found && (await lockContact(tx, found.id));
    const ourAddress = contact && (await lastInbound(tx, contact.id))?.ourAddress;
    if (!contact || !ourAddress) return { ok: false, reason: "never_wrote" };
    if (!windowOpen(channel, contact.lastInboundAt, new Date())) return { ok: false, reason: "window_closed" };
    await applyPlans(tx, [
      {
        contactId: contact.id,
        send: { route: { channel, to: contact.address, from: ourAddress }, replies: [{ text, redact: false }] },
      },
    ]);
    await audit(tx, {
      staffUserId: test.staffUserId,
      action: "broadcast_test_sent",
      contactId: contact.id,
      detail: { broadcastId: b.id, language: test.language },
    });
    return { ok: true };
  });
  if (outcome.ok) deps.onReplies();
  return outcome;
}
