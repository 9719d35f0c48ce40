import type { LocaleTexts } from "../../i18n/texts.ts";
import { textVariant } from "../../channels/profile.ts";
import { smsSize } from "../../i18n/sms-segments.ts";
import { areaLabelKey, OTHER_AREA } from "../areas/area-labels.ts";
import { SERVICE_TEXTS, SERVICES } from "../services.ts";
import type { PartnerInput } from "./partner.ts";
import { type Listing, MAX_PARTNERS, partnerPages, resultsMessage } from "./service.ts";

/** The longest of some texts as an SMS counts it (a GSM-7 escape costs two). */
const longest = (values: (string | null | undefined)[]): string =>
  values.reduce<string>((a, v) => (v && smsSize(v).units > smsSize(a).units ? v : a), "");

/**
 * The longest find-help answer an SMS can carry in a language, from the deployment's partner rows (the
 * seeded ones by default): one partner made of the longest value of each field across the rows (name,
 * phone, WhatsApp, hours in that language), listed MAX_PARTNERS times under the longest service and area
 * labels, a place typed by the person cut to its MAX_PLACE_LABEL characters included. Real rows, not the
 * import's field limits (a name may be 120 characters): no list of real partners would then pass, while
 * the pager still keeps each page it can to MAX_SMS_SEGMENTS. `vars` are the same longest values, to
 * fill the other texts that name a partner.
 */
export function worstCaseResults(
  texts: LocaleTexts,
  language: string,
  rows: PartnerInput[],
  areaIds: readonly string[],
): { pages: string[]; vars: Record<string, string> } {
  const name = longest(rows.map((r) => r.name));
  const partner: Listing = {
    name,
    areas: [],
    languages: [...new Set(rows.flatMap((r) => r.languages))],
    phone: longest(rows.map((r) => r.phone)),
    whatsapp: longest(rows.map((r) => r.whatsapp)),
    email: longest(rows.map((r) => r.email)),
    address: longest(rows.map((r) => r.address)),
    hours: longest(rows.map((r) => r.hoursByLanguage[language] ?? r.hours)),
    hoursByLanguage: {},
  };
  const labels = {
    service_label: longest(SERVICES.map((s) => texts.t(language, `${SERVICE_TEXTS}${s}`, {}, textVariant("sms")))),
    area_label: longest(
      [...areaIds, OTHER_AREA].map((a) => texts.t(language, areaLabelKey(a), {}, textVariant("sms"))),
    ),
  };
  const pages = partnerPages(
    texts,
    language,
    "sms",
    Array.from({ length: MAX_PARTNERS }, () => partner),
    labels,
  ).map((list, i) => resultsMessage(texts, language, "sms", i + 1, list, labels));
  const names = Object.fromEntries(Array.from({ length: MAX_PARTNERS }, (_, i) => [`partner_${i + 1}_name`, name]));
  return { pages, vars: { ...labels, ...names, chosen_partner_name: name } };
}
