import type { Database } from "../db/database.ts";
import type { Turn } from "./actions.ts";
import {
  type Actions, type Channel, type EngineContext, type EngineEvent, newSession, parseSession, resume,
} from "../engine/index.ts";
import type { Logger } from "../logger.ts";
import { contactsWithUnprocessed, lockContact, markProcessed, nextUnprocessed, queueReply, saveSession, updateContact } from "./repository.ts";

export interface ProcessorDeps {
  db: Database;
  /** everything the engine needs except the channel and the actions */
  engine: Omit<EngineContext, "channel" | "actions">;
  /** domain actions bound to the turn (its transaction, so their writes commit with the reply) */
  actions(turn: Turn): Actions;
  log: Logger;
  /** called after a turn queued replies: the outbox can send at once instead of at its next poll */
  onReplies(): void;
}

const isChannel = (c: string): c is Channel => c === "sms" || c === "whatsapp";

/**
 * Answers each person's messages strictly in arrival order, one at a time. Within a process a
 * chain per contact avoids waiting on the database lock; across processes the contact's row lock does.
 */
export class ConversationProcessor {
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();

  constructor(private readonly deps: ProcessorDeps) {}

  /** Process everything waiting for this contact; resolves when the queue is empty. */
  enqueue(contactId: number): Promise<void> {
    const current = this.running.get(contactId);
    if (current) {
      this.again.add(contactId);
      return current;
    }
    const run = (async () => {
      do {
        this.again.delete(contactId);
        await this.drain(contactId);
      } while (this.again.has(contactId));
    })().finally(() => this.running.delete(contactId));
    this.running.set(contactId, run);
    return run;
  }

  /** Pick up messages left unanswered by a crash or a failed turn. */
  async sweep(olderThanMs = 5_000): Promise<number> {
    const ids = await contactsWithUnprocessed(this.deps.db.prisma, new Date(Date.now() - olderThanMs));
    await Promise.all(ids.map((id) => this.enqueue(id)));
    return ids.length;
  }

  /** Wait for the turns under way (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async drain(contactId: number): Promise<void> {
    try {
      while (await this.turn(contactId));
    } catch (error) {
      // the message stays unprocessed; the sweep retries it
      this.deps.log.error({ err: error, contactId }, "turn failed");
    }
  }

  /** One inbound message through the engine, all effects in one transaction. False when none waits. */
  private async turn(contactId: number): Promise<boolean> {
    let replies = 0;
    const done = await this.deps.db.prisma.$transaction(
      async (tx) => {
        const contact = await lockContact(tx, contactId);
        const message = await nextUnprocessed(tx, contactId);
        if (!message) return false;
        if (!isChannel(contact.channel)) throw new Error(`contact ${contactId} has unknown channel ${contact.channel}`);
        const stored = contact.session ? parseSession(contact.session.state) : undefined;
        if (stored && !stored.ok) this.deps.log.warn({ contactId, reason: stored.reason }, "unreadable session, starting over");
        const session = stored?.ok ? stored.session : { ...newSession(contact.language), optedOut: contact.optedOut };
        const ctx: EngineContext = { ...this.deps.engine, channel: contact.channel, actions: this.deps.actions({ tx, contactId, messageId: message.id, channel: contact.channel }) };
        const media = Array.isArray(message.media) ? message.media.flatMap(toMedia) : [];
        const result = await resume(ctx, session, { text: message.body, media });

        const changes: { language?: string; optedOut?: boolean } = {};
        let redact = false;
        for (const event of result.events) {
          switch (event.type) {
            case "msg_created":
              replies++;
              await queueReply(tx, { contactId, inReplyToId: message.id, channel: contact.channel, to: contact.address, from: message.ourAddress, text: event.text, redact: event.redact });
              break;
            case "input_redacted": redact = true; break;
            case "language_changed": changes.language = event.language; break;
            case "opted_out": changes.optedOut = true; break;
            case "opted_in": changes.optedOut = false; break;
            case "error": this.deps.log.warn({ contactId, reason: event.reason }, "flow error"); break;
            default: unreachable(event);
          }
        }
        await updateContact(tx, contactId, changes);
        await markProcessed(tx, message.id, redact);
        await saveSession(tx, contactId, result.session);
        return true;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (replies > 0) this.deps.onReplies();
    return done;
  }
}

function toMedia(m: unknown): { url: string; contentType: string }[] {
  if (typeof m !== "object" || m === null) return [];
  const url: unknown = Reflect.get(m, "url");
  const contentType: unknown = Reflect.get(m, "contentType");
  return typeof url === "string" && typeof contentType === "string" ? [{ url, contentType }] : [];
}

function unreachable(event: never): never {
  throw new Error(`unhandled engine event ${JSON.stringify(event satisfies EngineEvent)}`);
}
