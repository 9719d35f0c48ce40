import path from "node:path";
import type { Flows } from "../../engine/index.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import { type Areas, AreasFileError } from "./areas.ts";

/** The answer of an area menu for a place not on the list; the person then names it in their words. */
export const OTHER_AREA = "other";

/** Text keys the code builds from an area id (npm run flows:check counts them as used). */
export const AREA_TEXTS = "areas.";

/**
 * An area's one label (locales/<language>/areas.json): in every area menu and in place matching.
 * `areas.other` labels the "somewhere else" option.
 */
export const areaLabelKey = (id: string) => `${AREA_TEXTS}${id}`;

/** An area menu is a menu that shows area labels; its options are the areas and "other". */
const isAreaLabel = (key: string) => key.startsWith(areaLabelKey(""));

/** Where the areas and their labels come from, to name them in a problem. */
export interface AreaSources {
  areasFile: string;
  localesDir: string;
}

/**
 * What keeps flows/data/areas.yaml, the labels and the flows' area menus in step: every area labelled
 * in every locale (place matching reads them all), every area menu option an area or "other", shown
 * with that area's label. Empty when all is well.
 */
export function areaProblems(areas: Areas, flows: Flows, texts: LocaleTexts, from: AreaSources): string[] {
  const problems: string[] = [];
  for (const id of Object.keys(areas)) {
    for (const language of texts.languages) {
      if (!texts.has(language, areaLabelKey(id)))
        problems.push(
          `${path.join(from.localesDir, language)}: no label "${areaLabelKey(id)}" for area "${id}" of ${from.areasFile}`,
        );
    }
  }
  for (const flow of flows.values()) {
    for (const node of flow.nodes.values()) {
      if (
        node.type !== "ask" ||
        node.answer.type !== "choice" ||
        !node.answer.options.some((o) => isAreaLabel(o.label))
      )
        continue;
      for (const option of node.answer.options) {
        const where = `${flow.source} node "${node.id}" option "${option.value}"`;
        if (option.value !== OTHER_AREA && !(option.value in areas))
          problems.push(`${where}: not an area of ${from.areasFile} (nor "${OTHER_AREA}")`);
        else if (option.label !== areaLabelKey(option.value))
          problems.push(`${where}: labelled "${option.label}", not "${areaLabelKey(option.value)}"`);
      }
    }
  }
  return problems;
}

/** Start-up refuses areas, labels and menus out of step, naming each problem. */
export function checkAreas(areas: Areas, flows: Flows, texts: LocaleTexts, from: AreaSources): void {
  const problems = areaProblems(areas, flows, texts, from);
  if (problems.length > 0)
    throw new AreasFileError(`areas out of step:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}
