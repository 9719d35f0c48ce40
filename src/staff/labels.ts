import { areaLabelKey } from "../domain/areas/area-labels.ts";
import { SERVICE_TEXTS } from "../domain/services.ts";
import type { LocaleTexts } from "../i18n/texts.ts";

/** The staff pages are in English; people's own words stay in their language. */
const STAFF_LANGUAGE = "en";

/** What staff read for the ids and moments the data holds; links, forms and exports keep the ids. */
export interface Labels {
  area(id: string): string;
  category(id: string): string;
  /** "2027-03-08 10:00 EET": in the deployment's time zone, which it names (the database keeps UTC); "" for none */
  time(at: Date | null): string;
}

/**
 * Area and category labels from the locale texts the bot speaks (locales/en/areas.json, services.json).
 * An id without a label (an area since removed from areas.yaml) shows as itself.
 */
export function staffLabels(texts: LocaleTexts, timeZone: string): Labels {
  const label = (key: string, id: string) => (texts.has(STAFF_LANGUAGE, key) ? texts.t(STAFF_LANGUAGE, key, {}) : id);
  // en-GB names European zones (EET, CEST); elsewhere it gives the offset (GMT+3)
  const moment = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  return {
    area: (id) => label(areaLabelKey(id), id),
    category: (id) => label(`${SERVICE_TEXTS}${id}`, id),
    time: (at) => {
      if (!at) return "";
      const part = Object.fromEntries(moment.formatToParts(at).map((p) => [p.type, p.value]));
      return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${part.timeZoneName}`;
    },
  };
}
