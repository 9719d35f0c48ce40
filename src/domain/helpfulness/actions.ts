import { z } from "zod";
import type { ActionTable, Turn } from "../action-set.ts";
import { defineAction } from "../../engine/index.ts";
import { askingState, lastCaseworker, recordAnswer, recordMissing, recordQuestion } from "./repository.ts";

/** The journey a handoff's question is about: the caseworker's, not a flow's. */
export const HANDOFF_JOURNEY = "handoff";
/** HELPFULNESS_QUIET_HOURS unset: a person is asked "Did this help?" at most once a day. */
export const DEFAULT_QUIET_HOURS = 24;
const HOUR_MS = 3_600_000;

/**
 * "Did this help?" after a journey (flows/helpful.yaml asks it): `ask_helpfulness` says whether to ask now and
 * records the question, `save_helpfulness` and `save_missing` its answers.
 */
export function helpfulnessActions(quietHours: number): ActionTable {
  return {
    /**
     * params: journey (the flow just ended, or "handoff"). skip: the person opted out or is gone, was asked
     * within `quietHours`, or came through danger (a risk named now, or a handoff that was urgent).
     */
    ask_helpfulness: defineAction({
      params: z.strictObject({ journey: z.string().regex(/^[a-z][a-z0-9_]*$/) }),
      outcomes: ["ask", "skip"],
      sets: ["helpfulness_id"],
      run: async ({ params: { journey }, language, risk }, turn: Turn) => {
        const { contact, lastAskedAt } = await askingState(turn.tx, turn.contactId);
        const handoff = journey === HANDOFF_JOURNEY ? contact?.conversation : undefined;
        const recent = lastAskedAt && Date.now() - lastAskedAt.getTime() < quietHours * HOUR_MS;
        const danger = risk || handoff?.urgent || handoff?.reason === "risk";
        if (!contact || contact.optedOut || recent || danger) return { outcome: "skip" };
        const since = handoff?.escalatedAt;
        const caseworkerId = since ? await lastCaseworker(turn.tx, turn.contactId, since) : null;
        const id = await recordQuestion(turn.tx, {
          contactId: turn.contactId,
          journey,
          caseworkerId,
          language,
          channel: turn.channel,
        });
        return { outcome: "ask", values: { helpfulness_id: id } };
      },
    }),
    /** params: id (from ask_helpfulness), helped (the question's value: yes or no); routes by it. */
    save_helpfulness: defineAction({
      params: z.strictObject({ id: z.number().int(), helped: z.enum(["yes", "no"]) }),
      outcomes: ["yes", "no"],
      run: async ({ params: { id, helped } }, turn: Turn) => {
        await recordAnswer(turn.tx, turn.contactId, id, helped === "yes");
        return { outcome: helped };
      },
    }),
    /** params: id, text: what was missing, in the person's words. */
    save_missing: defineAction({
      params: z.strictObject({ id: z.number().int(), text: z.string() }),
      outcomes: ["saved"],
      run: async ({ params: { id, text } }, turn: Turn) => {
        await recordMissing(turn.tx, turn.contactId, id, text.trim());
        return { outcome: "saved" };
      },
    }),
  };
}
