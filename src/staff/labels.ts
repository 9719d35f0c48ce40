import { areaLabelKey } from "../domain/areas/area-labels.ts";
import { SERVICE_TEXTS } from "../domain/services.ts";
import type { LocaleTexts } from "../i18n/texts.ts";

/** What staff read for the ids and moments the data holds; links, forms and exports keep the ids. */
export interface Labels {
  area(id: string): string;
  category(id: string): string;
  /** "2027-03-08 10:00 EET": in the deployment's time zone, which it names (the database keeps UTC); "" for none */
  time(at: Date | null): string;
}

/**
 * Area and category labels in the staff member's language (the bot's locales/<lng>/areas.json, services.json;
 * English where it has none), as are moments. An id without a label (an area since removed from areas.yaml)
 * shows as itself.
 */
export function staffLabels(texts: LocaleTexts, timeZone: string, language = "en"): Labels {
  const label = (key: string, id: string) =>
    [language, "en"].map((lng) => (texts.has(lng, key) ? texts.t(lng, key, {}) : undefined)).find(Boolean) ?? id;
  // en-GB names European zones (EET, CEST); elsewhere it gives the offset (GMT+3). Other languages read the
  // moment as their own Intl writes it
  const moment = new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
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
      if (language !== "en") return moment.format(at);
      const part = Object.fromEntries(moment.formatToParts(at).map((p) => [p.type, p.value]));
      return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${part.timeZoneName}`;
    },
  };
}
