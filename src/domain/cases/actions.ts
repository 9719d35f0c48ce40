import { z } from "zod";
import type { ActionTable, Turn } from "../action-set.ts";
import { defineAction, textParam as text } from "../../engine/index.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import { dataText } from "../texts-by-language.ts";
import { hasShortYear } from "./normalize.ts";
import { isLocked, lookUpCase } from "./service.ts";
import { followCase } from "./news-repository.ts";

/** Session variables that hold a case's number and details: emptied in the same turn, so no session row keeps them. */
const FORGET = { case_number: "", case_factor: "", case_stage: "", case_note: "", case_appointment: "" };
const SETS = Object.keys(FORGET);

/** Actions of the case_status flow. `timeZone`: where appointments are, for telling their hour. */
export function caseActions(opts: { texts: LocaleTexts; timeZone: string }): ActionTable {
  return {
    /** before asking for the factor: a locked number is told so at once */
    case_lock_status: defineAction({
      params: z.strictObject({ case_number: text }),
      outcomes: ["open", "locked"],
      run: async ({ params }, turn: Turn) => ({
        outcome: (await isLocked(turn.tx, turn.address, params.case_number)) ? "locked" : "open",
      }),
    }),
    /**
     * params case_number, factor; outcomes found (with case_stage, case_note, case_appointment), not_found,
     * locked, short_year (a date such as 07/03/90: asked again, not looked up, so not a failure; said of any
     * case number alike, so it tells nothing about which exist)
     */
    check_case: defineAction({
      params: z.strictObject({ case_number: text, factor: text }),
      outcomes: ["found", "not_found", "locked", "short_year"],
      sets: SETS,
      run: async ({ params, language }, turn: Turn) => {
        if (hasShortYear(params.factor)) return { outcome: "short_year", values: { case_factor: "" } };
        const result = await lookUpCase(turn.tx, {
          address: turn.address,
          caseNumber: params.case_number,
          factor: params.factor,
        });
        if (result.outcome !== "found") return { outcome: result.outcome, values: FORGET };
        // verified: told when the case changes, if they said yes to being written to
        await followCase(turn.tx, result.caseId, turn.contactId);
        const { default: untagged, ...byLanguage } = result.nextStep;
        return {
          outcome: "found",
          values: {
            ...FORGET,
            case_stage: result.stage,
            case_note: dataText(opts.texts, { language, channel: turn.channel }, { untagged, byLanguage }),
            case_appointment: result.nextAppointment
              ? formatDateTime(result.nextAppointment, language, opts.timeZone)
              : "",
          },
        };
      },
    }),
    /** after the details were said */
    forget_case: defineAction({
      params: z.strictObject({}),
      outcomes: ["ok"],
      sets: SETS,
      run: async () => ({ outcome: "ok", values: FORGET }),
    }),
  };
}
