import type { Prisma } from "../../src/db/database.ts";
import { freshPhone } from "./live-transcript.ts";

/** A person and their conversation with staff, as the database holds them after the bot handed over. */
export interface ConversationSeed {
  /** a fresh phone number unless given */
  address?: string;
  channel?: string;
  language?: string;
  status?: string;
  urgent?: boolean;
  /** when the bot handed over; null: it never did (the conversation is the bot's) */
  escalatedAt?: Date | null;
  assigneeId?: number;
  /** the transcript, oldest first: what the person wrote, unless `by` says the bot or a caseworker (their id) */
  messages: { body: string; redacted?: boolean; personal?: boolean; at?: Date; by?: "bot" | number }[];
}

const HANDED_OVER = new Date("2026-11-03T10:00:00Z");

/**
 * Writes the person, the conversation and the messages straight into the database (quicker than the conversation
 * itself, and any status or date at will); returns the contact. Each message is its own row and moment.
 */
export async function seedConversation(prisma: Prisma, seed: ConversationSeed) {
  const contact = await prisma.contact.create({
    data: {
      channel: seed.channel ?? "whatsapp",
      address: seed.address ?? freshPhone(),
      language: seed.language ?? "en",
    },
  });
  const escalatedAt = seed.escalatedAt === undefined ? HANDED_OVER : seed.escalatedAt;
  await prisma.conversation.create({
    data: {
      contactId: contact.id,
      status: seed.status ?? "waiting_for_person",
      urgent: seed.urgent ?? false,
      reason: escalatedAt ? "asked" : null,
      escalatedAt,
      assigneeId: seed.assigneeId ?? null,
    },
  });
  for (const m of seed.messages)
    await prisma.message.create({
      data: {
        contactId: contact.id,
        direction: m.by === undefined ? "in" : "out",
        staffUserId: typeof m.by === "number" ? m.by : null,
        ourAddress: "+3021",
        body: m.body,
        redacted: m.redacted ?? false,
        personal: m.personal ?? false,
        createdAt: m.at,
      },
    });
  return contact;
}
