import type { ActionTable } from "../../conversations/actions.ts";
import { needAnswersSchema } from "./need.ts";
import { createNeed } from "./repository.ts";

export const needActions: ActionTable = {
  /**
   * params: category, urgency, area, area_other, text (the flow's answers). Stores the need with the
   * voice notes and photos of this turn's message as attachments, marked `risk` when the message named a
   * protection risk; gives the flow `need_reference`.
   */
  save_need: (turn) => async ({ params, media, language, risk }) => {
    const answers = needAnswersSchema.safeParse(params);
    // the flow passed something the taxonomy does not know: a flow mistake, reported as a flow error
    if (!answers.success) throw new Error(`save_need: ${answers.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const { category, urgency, area, area_other, text } = answers.data;
    const need = await createNeed(turn.tx, {
      contactId: turn.contactId, category, urgency, area,
      // a place typed for an earlier report may still be in the session: only "other" uses it
      areaOther: area === "other" && area_other.trim() ? area_other.trim() : null,
      text: text.trim(), language, channel: turn.channel, risk, attachments: media,
    });
    return { outcome: "saved", values: { need_reference: need.reference } };
  },
};
