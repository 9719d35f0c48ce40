import { languageName } from "../../i18n/language-code.ts";
import { type Channel, textVariant } from "../../channels/profile.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import { type Areas, EVERYWHERE } from "../areas/areas.ts";
import { MAX_SMS_SEGMENTS, smsSize } from "../../i18n/sms-segments.ts";
import { dataText, textsByLanguage } from "../texts-by-language.ts";

/** At most this many partners per answer: more does not fit an SMS or a tired reader. */
export const MAX_PARTNERS = 3;

/** A place in the person's own words is shown back cut to this length (flows:check measures the results with it). */
export const MAX_PLACE_LABEL = 60;

interface Candidate {
  name: string;
  areas: string[];
  languages: string[];
}

/**
 * Nearest first: partners in the person's area, then those that serve everywhere (a hotline), then
 * those of the areas listed as near it, in that order; further ones are not offered. At the same
 * distance, those who speak the person's language come first.
 */
export function rankPartners<T extends Candidate>(
  partners: T[],
  where: { area: string | undefined; language: string },
  areas: Areas,
): T[] {
  const near = where.area ? (areas[where.area]?.near ?? []) : [];
  const distance = (p: T): number => {
    if (where.area && p.areas.includes(where.area)) return 0;
    if (p.areas.includes(EVERYWHERE)) return 1;
    const steps = p.areas.map((a) => near.indexOf(a)).filter((i) => i >= 0);
    return steps.length ? 2 + Math.min(...steps) : Infinity;
  };
  return partners
    .map((p) => ({ p, d: distance(p), other: p.languages.includes(where.language) ? 0 : 1 }))
    .filter((x) => x.d !== Infinity)
    .sort((a, b) => a.d - b.d || a.other - b.other || a.p.name.localeCompare(b.p.name))
    .slice(0, MAX_PARTNERS)
    .map((x) => x.p);
}

export interface Listing extends Candidate {
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  address: string | null;
  hours: string;
  hoursByLanguage: unknown;
}

/** What each channel shows of a partner: an SMS is paid by the 160 characters, so only what reaches them. */
const FIELDS: Record<Channel, readonly ("phone" | "whatsapp" | "email" | "address" | "hours" | "languages")[]> = {
  whatsapp: ["phone", "whatsapp", "address", "email", "hours", "languages"],
  sms: ["phone", "whatsapp", "hours"],
};

/**
 * A partner's line is labelled by this and the field's name ("name" for the first); flows:check counts them as used.
 */
export const PARTNER_TEXTS = "find_help.partner.";

/** The message that carries the first page of partners, and the one that carries each further page. */
export const RESULTS_TEXTS = ["find_help.results", "find_help.more_results"] as const;

/** What the results' texts say besides the list: the help asked for and where. */
export interface ResultLabels {
  service_label: string;
  area_label: string;
}

/** Page `page` (from 1) of the list as the person gets it: inside its text, in their language. */
export function resultsMessage(
  texts: LocaleTexts,
  language: string,
  channel: Channel,
  page: number,
  list: string,
  labels: ResultLabels,
): string {
  return texts.t(language, RESULTS_TEXTS[page === 1 ? 0 : 1], { ...labels, partner_list: list }, textVariant(channel));
}

/**
 * The partners as numbered lists in the person's language, one per message. On SMS a page takes as many
 * partners as fit MAX_SMS_SEGMENTS once inside its text, and every page but the last ends by saying how to
 * get the next ("send 0 for more"): a long list is read in parts rather than paid for at once. WhatsApp
 * takes them all in one.
 */
export function partnerPages(
  texts: LocaleTexts,
  language: string,
  channel: Channel,
  partners: Listing[],
  labels: ResultLabels,
): string[] {
  const t = (key: string, vars: Record<string, string | number>) =>
    texts.t(language, `${PARTNER_TEXTS}${key}`, vars, textVariant(channel));
  const list = new Intl.ListFormat(language, { type: "conjunction" });
  const entries = partners.map((p, i) => {
    const values = {
      phone: p.phone,
      whatsapp: p.whatsapp,
      email: p.email,
      address: p.address,
      hours: dataText(
        texts,
        { language, channel },
        { untagged: p.hours, byLanguage: textsByLanguage(p.hoursByLanguage) },
      ),
      languages: list.format(p.languages.map((l) => languageName(l, language))),
    };
    const lines = FIELDS[channel].flatMap((f) => (values[f] ? [t(f, { value: values[f] })] : []));
    return [t("name", { number: i + 1, name: p.name }), ...lines].join("\n");
  });
  if (channel !== "sms") return entries.length ? [entries.join("\n\n")] : [];
  const more = t("more", {});
  const pages: string[][] = [];
  entries.forEach((entry, i) => {
    const page = pages.at(-1);
    // measured with "send 0 for more" unless nothing follows: the page may end here
    const ending = i < entries.length - 1 ? [more] : [];
    const fits = (p: string[]) =>
      smsSize(resultsMessage(texts, language, channel, pages.length, [...p, entry, ...ending].join("\n\n"), labels))
        .segments <= MAX_SMS_SEGMENTS;
    // a partner too long for a page alone still gets one: flows:check measures the longest data to catch it
    if (page && fits(page)) page.push(entry);
    else pages.push([entry]);
  });
  return pages.map((p, i) => [...p, ...(i < pages.length - 1 ? [more] : [])].join("\n\n"));
}
