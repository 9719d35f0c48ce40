import { z } from "zod";
import type { ActionTable, Turn } from "../action-set.ts";
import { defineAction, textParam as text, type Value } from "../../engine/index.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import { textVariant } from "../../channels/profile.ts";
import { isService, SERVICE_TEXTS } from "../services.ts";
import { areaLabelKey } from "../areas/area-labels.ts";
import { type Areas, resolvePlace } from "../areas/areas.ts";
import { activePartnersOffering, createReferral, openReferral } from "./repository.ts";
import { MAX_PARTNERS, MAX_PLACE_LABEL, partnerPages, rankPartners } from "./service.ts";

/** Session variables a referral needed: emptied once it is made or not made, so no session row keeps them. */
const FORGET_REFERRAL = { person_name: "", consent: "" };
/**
 * find_partners' partner slots and SMS pages: every one is written,
 * so a shorter list never shows one from an earlier search
 */
const SLOTS = Array.from({ length: MAX_PARTNERS }, (_, i) => i + 1).flatMap((n) => [
  `partner_${n}_id`,
  `partner_${n}_name`,
  ...(n > 1 ? [`partner_page_${n}`] : []),
]);

/** The find-help journey's actions (flows/find_help.yaml). */
export function partnerActions(deps: { texts: LocaleTexts; areas: Areas }): ActionTable {
  const { texts, areas } = deps;
  const areaLabel = (language: string, id: string) => texts.t(language, areaLabelKey(id), {});
  return {
    /**
     * params: service (taxonomy id), area (an area id, or "other" with place = the person's own words).
     * Outcome found/none; values partner_list (the first page), partner_page_<n> (the further pages, on
     * SMS), partner_shown (the page shown last), partner_count, partner_<n>_id/_name.
     */
    find_partners: defineAction({
      params: z.strictObject({ service: text, area: text, place: text.default("") }),
      outcomes: ["found", "none"],
      sets: ["service_label", "area_label", "partner_count", "partner_list", "partner_shown", ...SLOTS],
      run: async ({ params, language }, turn: Turn) => {
        const { channel } = turn;
        const { service } = params;
        if (!isService(service)) throw new Error(`find_partners: "${service}" is not a service of the taxonomy`);
        const place = params.place.trim();
        const area =
          params.area in areas
            ? params.area
            : resolvePlace(place, areas, (id) => texts.languages.map((l) => areaLabel(l, id)));
        const partners = rankPartners(await activePartnersOffering(turn.tx, service), { area, language }, areas);
        const labels = {
          service_label: texts.t(language, `${SERVICE_TEXTS}${service}`, {}, textVariant(channel)),
          area_label: area ? areaLabel(language, area) : place.slice(0, MAX_PLACE_LABEL),
        };
        const pages = partnerPages(texts, language, channel, partners, labels);
        const values: Record<string, Value> = {
          ...labels,
          partner_count: partners.length,
          partner_list: pages[0] ?? "",
          partner_shown: 1,
        };
        for (let n = 1; n <= MAX_PARTNERS; n++) {
          values[`partner_${n}_id`] = partners[n - 1]?.id ?? 0;
          values[`partner_${n}_name`] = partners[n - 1]?.name ?? "";
          if (n > 1) values[`partner_page_${n}`] = pages[n - 1] ?? "";
        }
        return { outcome: partners.length ? "found" : "none", values };
      },
    }),

    /** The next page of the list (the person sent 0 for more): outcome shown, or last when none is left. */
    next_partner_page: defineAction({
      params: z.strictObject({}),
      outcomes: ["shown", "last"],
      sets: ["partner_list", "partner_shown"],
      run: async ({ vars }) => {
        const next = Number(vars.partner_shown ?? 1) + 1;
        const page = vars[`partner_page_${next}`];
        if (typeof page !== "string" || page === "") return { outcome: "last" };
        return { outcome: "shown", values: { partner_list: page, partner_shown: next } };
      },
    }),

    /** params: pick (1..3, the number in the list just shown). */
    choose_partner: defineAction({
      params: z.strictObject({ pick: text }),
      outcomes: ["chosen", "missing"],
      sets: ["chosen_partner_id", "chosen_partner_name"],
      run: async ({ params, vars }) => {
        const id = vars[`partner_${params.pick}_id`];
        const name = vars[`partner_${params.pick}_name`];
        if (typeof id !== "number" || id === 0 || typeof name !== "string") return { outcome: "missing" };
        return { outcome: "chosen", values: { chosen_partner_id: id, chosen_partner_name: name } };
      },
    }),

    /**
     * Records a warm referral. Only the consent answer "yes", given in this turn, lets it through: a
     * flow edited by mistake still cannot share anyone's number without it. Either way the name and the
     * answer leave the session: the referral keeps what it needs, and a later referral asks again.
     */
    record_referral: defineAction({
      params: z.strictObject({ consent: text, partner: text, service: text, name: text.default("") }),
      outcomes: ["referred", "no_consent"],
      sets: ["person_name", "consent", "referral_id"],
      run: async ({ params }, turn: Turn) => {
        if (params.consent !== "yes") return { outcome: "no_consent", values: FORGET_REFERRAL };
        const partnerId = Number(params.partner);
        const { service } = params;
        if (!Number.isInteger(partnerId) || partnerId <= 0 || !isService(service))
          throw new Error("record_referral: needs partner and service");
        const q = { contactId: turn.contactId, partnerId, service };
        const referral =
          (await openReferral(turn.tx, q)) ??
          (await createReferral(turn.tx, { ...q, name: params.name.trim(), consentAt: new Date() }));
        return { outcome: "referred", values: { ...FORGET_REFERRAL, referral_id: referral.id } };
      },
    }),

    /** when no referral is made: the name typed for it leaves the session */
    forget_referral: defineAction({
      params: z.strictObject({}),
      outcomes: ["ok"],
      sets: ["person_name", "consent"],
      run: async () => ({ outcome: "ok", values: FORGET_REFERRAL }),
    }),
  };
}
