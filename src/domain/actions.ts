import { type ActionSet, combineActions, languageActions } from "../conversations/actions.ts";
import type { LocaleTexts } from "../i18n/texts.ts";
import { caseActions } from "./cases/actions.ts";
import { needActions } from "./needs/actions.ts";
import { partnerActions } from "./partners/actions.ts";
import { areasFile, readAreas } from "./partners/areas.ts";

/** Every action the flows may name, from each domain module: one list for the server and the tests. */
export function domainActions(deps: { texts: LocaleTexts; flowsDir: string; timeZone: string }): ActionSet {
  return combineActions([
    languageActions(deps.texts),
    needActions,
    partnerActions({ texts: deps.texts, areas: readAreas(areasFile(deps.flowsDir)) }),
    caseActions({ timeZone: deps.timeZone }),
  ]);
}
