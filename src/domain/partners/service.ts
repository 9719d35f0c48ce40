import type { Channel } from "../../engine/index.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import { type Areas, EVERYWHERE } from "../areas/areas.ts";
import { dataText, textsByLanguage } from "../texts-by-language.ts";

/** At most this many partners per answer: more does not fit an SMS or a tired reader. */
export const MAX_PARTNERS = 3;

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
export function rankPartners<T extends Candidate>(partners: T[], where: { area: string | undefined; language: string }, areas: Areas): T[] {
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

/** A partner's line is labelled by this and the field's name ("name" for the first); flows:check counts them as used. */
export const PARTNER_TEXTS = "find_help.partner.";

/** The partners as one numbered message in the person's language. */
export function describePartners(texts: LocaleTexts, language: string, channel: Channel, partners: Listing[]): string {
  const t = (key: string, vars: Record<string, string | number>) => texts.t(language, `${PARTNER_TEXTS}${key}`, vars, channel);
  const languageName = new Intl.DisplayNames([language], { type: "language", fallback: "code" });
  const list = new Intl.ListFormat(language, { type: "conjunction" });
  return partners.map((p, i) => {
    const values = {
      phone: p.phone, whatsapp: p.whatsapp, email: p.email, address: p.address,
      hours: dataText(texts, { language, channel }, { untagged: p.hours, byLanguage: textsByLanguage(p.hoursByLanguage) }),
      languages: list.format(p.languages.map((l) => languageName.of(l) ?? l)),
    };
    const lines = FIELDS[channel].flatMap((f) => (values[f] ? [t(f, { value: values[f] })] : []));
    return [t("name", { number: i + 1, name: p.name }), ...lines].join("\n");
  }).join("\n\n");
}
