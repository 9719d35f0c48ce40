import type { ActionTable, Turn } from "../action-set.ts";
import { defineAction } from "../../engine/index.ts";
import { needAnswersSchema } from "./need.ts";
import { createNeed } from "./repository.ts";

export const needActions: ActionTable = {
  /**
   * params: category, urgency, area, area_other, text (the flow's answers). Stores the need with the
   * voice notes and photos of this turn's message as attachments, marked `risk` when the message named a
   * protection risk; gives the flow `need_reference`.
   */
  // answers the taxonomy does not know are a flow mistake: the
  // params fail to parse, and the node's error outcome follows
  save_need: defineAction({
    params: needAnswersSchema,
    outcomes: ["saved"],
    sets: ["need_reference"],
    run: async ({ params: { category, urgency, area, area_other, text }, media, language, risk }, turn: Turn) => {
      const need = await createNeed(turn.tx, {
        contactId: turn.contactId,
        category,
        urgency,
        area,
        // a place typed for an earlier report may still be in the session: only "other" uses it
        areaOther: area === "other" && area_other.trim() ? area_other.trim() : null,
        text: text.trim(),
        language,
        channel: turn.channel,
        risk,
        attachments: media,
      });
      return { outcome: "saved", values: { need_reference: need.reference } };
    },
  }),
};
