import { type ActionSet, combineActions } from "./action-set.ts";
import { languageActions } from "./language-actions.ts";
import type { DetectOptions } from "../i18n/detect-language.ts";
import type { LocaleTexts } from "../i18n/texts.ts";
import { caseActions } from "./cases/actions.ts";
import { needActions } from "./needs/actions.ts";
import { feedbackActions } from "./feedback/actions.ts";
import { partnerActions } from "./partners/actions.ts";
import { DEFAULT_QUIET_HOURS, helpfulnessActions } from "./helpfulness/actions.ts";
import type { Areas } from "./areas/areas.ts";

/** Every action the flows may name, from each domain module: one list for the server and the tests. */
export function domainActions(deps: {
  texts: LocaleTexts;
  detection: DetectOptions;
  areas: Areas;
  timeZone: string;
  /** HELPFULNESS_QUIET_HOURS: "Did this help?" is not asked again within this many hours */
  helpfulnessQuietHours?: number;
}): ActionSet {
  return combineActions([
    languageActions(deps.texts, deps.detection),
    needActions,
    feedbackActions,
    helpfulnessActions(deps.helpfulnessQuietHours ?? DEFAULT_QUIET_HOURS),
    partnerActions({ texts: deps.texts, areas: deps.areas }),
    caseActions({ texts: deps.texts, timeZone: deps.timeZone }),
  ]);
}
