import { areaLabelKey } from "../domain/areas/area-labels.ts";
import { SERVICE_TEXTS } from "../domain/services.ts";
import type { LocaleTexts } from "../i18n/texts.ts";

/** The staff pages are in English; people's own words stay in their language. */
const STAFF_LANGUAGE = "en";

/** What staff read for the ids the data holds; links, forms and exports keep the ids. */
export interface Labels {
  area(id: string): string;
  category(id: string): string;
}

/**
 * Area and category labels from the locale texts the bot speaks (locales/en/areas.json, services.json).
 * An id without a label (an area since removed from areas.yaml) shows as itself.
 */
export function staffLabels(texts: LocaleTexts): Labels {
  const label = (key: string, id: string) => (texts.has(STAFF_LANGUAGE, key) ? texts.t(STAFF_LANGUAGE, key, {}, "whatsapp") : id);
  return {
    area: (id) => label(areaLabelKey(id), id),
    category: (id) => label(`${SERVICE_TEXTS}${id}`, id),
  };
}
