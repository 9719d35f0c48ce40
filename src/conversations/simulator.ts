import type { Database } from "../db/database.ts";
import type { Turn } from "../domain/action-set.ts";
import { type Channel, carriesMenus, textVariant } from "../channels/profile.ts";
import { type Actions, type EngineContext, resume, type Texts, type TurnState } from "../engine/index.ts";
import type { Outgoing } from "../turns/plan.ts";
import { planTurn, type TurnAt } from "./plan-turn.ts";

/** The simulated person's number, on a contact that lives only inside the turn's rolled-back transaction. */
const SIMULATED_ADDRESS = "+000000000000";
const OUR_ADDRESS = "+000000000001";

/** One simulated turn: what the phone would show, the state for the next turn, and what would happen next. */
export interface SimulatedTurn {
  state: TurnState;
  replies: Outgoing[];
  /** a person would take over the conversation (urgent: a protection risk was named) */
  handoff?: { urgent: boolean };
  /** the person confirmed erasing their data: a real person's rows would go now */
  erase: boolean;
  /** a failure no flow handled: staff would take over */
  error?: string;
}

/** Thrown to end the transaction: every write the turn's actions made goes with it. */
class Rollback extends Error {
  constructor(readonly turn: SimulatedTurn) {
    super("simulated turn rolled back");
  }
}

export interface SimulatorDeps {
  db: Database;
  /** the engine as the conversation processor has it; the texts are chosen per turn (published or drafts) */
  engine: Omit<EngineContext, "textVariant" | "actions" | "texts">;
  /** the domain actions, bound to a turn, as the processor binds them */
  actions(turn: Turn): Actions;
  /** WHATSAPP_MENUS: whether WhatsApp shows a question's choices as buttons or a list */
  interactiveMenus: boolean;
}

/**
 * Runs the real engine, flows and actions for a staff member trying the line. Each turn runs in a transaction
 * that is always rolled back, on a contact that exists only inside it: the actions answer as they do for a person
 * (a need saved, a referral made, a case looked up in the real records), yet no row stays, nothing reaches the
 * outbox or Twilio, and no handover reaches the inbox. The caller keeps the state between turns.
 */
export class Simulator {
  constructor(private readonly deps: SimulatorDeps) {}

  async turn(
    channel: Channel,
    texts: Texts,
    state: TurnState,
    input: { text: string; payload?: string },
  ): Promise<SimulatedTurn> {
    try {
      await this.deps.db.prisma.$transaction(async (tx) => {
        const { language, optedOut } = state.person;
        const contact = await tx.contact.create({
          data: { channel, address: SIMULATED_ADDRESS, language, optedOut },
          select: { id: true },
        });
        const turn: Turn = { tx, contactId: contact.id, address: SIMULATED_ADDRESS, messageId: 0, channel };
        const ctx = { ...this.deps.engine, texts, textVariant: textVariant(channel), actions: this.deps.actions(turn) };
        const result = await resume(ctx, state, { ...input, media: [], receivedAt: new Date() });
        const at: TurnAt = {
          contactId: contact.id,
          route: { channel, to: SIMULATED_ADDRESS, from: OUR_ADDRESS },
          interactiveMenus: carriesMenus(channel, this.deps.interactiveMenus),
        };
        const planned = planTurn(at, result);
        throw new Rollback({
          state: { session: result.session, person: result.person },
          replies: planned.plan.send.replies,
          erase: planned.erase,
          ...(planned.handoff ? { handoff: { urgent: planned.handoff.urgent } } : {}),
          ...(planned.error !== undefined ? { error: planned.error } : {}),
        });
      });
    } catch (error) {
      if (error instanceof Rollback) return error.turn;
      throw error;
    }
    throw new Error("a simulated turn ended without rolling back");
  }
}
