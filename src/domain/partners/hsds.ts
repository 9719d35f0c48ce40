import { languageName } from "../../i18n/language-code.ts";
import { v5 as uuidv5 } from "uuid";
import type { Partner } from "../../db/generated/client.ts";
import { EVERYWHERE } from "../areas/areas.ts";
import type { IdLabels } from "../id-labels.ts";
import { textsByLanguage } from "../texts-by-language.ts";

// The partner directory as Open Referral HSDS 3 (https://openreferral.org/): one partner is one
// organization with one service. Only fields that HSDS 3.0 and 3.1 both define are written, so the
// output validates against either. Ids of the objects around a service are derived from the service's
// id (UUID v5), so every export and the API give the same ids for the same partner.

/** Namespace of the ids of our own taxonomies and their terms (UUID v5 names under it). */
const HAVEN_NAMESPACE = "5b0d6a52-3d0e-4c55-9a43-7f1f2e6c9b10";
export const idOf = (name: string, namespace = HAVEN_NAMESPACE) => uuidv5(name, namespace);

/** How an organization carries our partner code (an identifier of our own, so no org-id.guide scheme). */
export const PARTNER_CODE_TYPE = "Haven partner code";
/** A phone of this description is the partner's WhatsApp number; the others are called. */
export const WHATSAPP = "WhatsApp";
/** Areas as URIs (service_area.uri), so an import finds the area whatever its label says. */
export const AREA_URI = "urn:haven:area:";
/** The attribute that gives a schedule's description in another language. */
export const TRANSLATION = "translation";

export const SERVICES_TAXONOMY = {
  id: idOf("taxonomy:services"),
  name: "Haven services",
  description: "The kinds of help partners offer and people ask for on the Haven help line.",
  version: "1",
};
export const LANGUAGES_TAXONOMY = {
  id: idOf("taxonomy:languages"),
  name: "Haven text languages",
  description: "ISO 639-1 codes: the language of a translated text.",
  version: "1",
};

/** A partner as the database holds it: the directory shows every field but its row id. */
export type DirectoryPartner = Omit<Partner, "id" | "createdAt">;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The organization's description: what it offers, from our taxonomy (the import recognises it as ours). */
export const organizationDescription = (services: readonly string[], labels: IdLabels) =>
  `Partner of the help line for: ${services.map((s) => labels.category(s)).join(", ")}.`;

export function serviceTerm(service: string, labels: IdLabels) {
  return {
    id: idOf(`term:service:${service}`),
    code: service,
    name: labels.category(service),
    description: `${labels.category(service)} (Haven services taxonomy)`,
    taxonomy: SERVICES_TAXONOMY.name,
    taxonomy_id: SERVICES_TAXONOMY.id,
    taxonomy_detail: SERVICES_TAXONOMY,
  };
}

function languageTerm(code: string) {
  return {
    id: idOf(`term:language:${code}`),
    code,
    name: languageName(code),
    description: `Text in ${languageName(code)}`,
    language: code,
    taxonomy: LANGUAGES_TAXONOMY.name,
    taxonomy_id: LANGUAGES_TAXONOMY.id,
    taxonomy_detail: LANGUAGES_TAXONOMY,
  };
}

/** An attribute's taxonomy term, by id and whole (HSDS asks for both). */
const termOf = <T extends { id: string }>(term: T) => ({ taxonomy_term_id: term.id, taxonomy_term: term });

export function hsdsOrganization(p: DirectoryPartner, labels: IdLabels) {
  const id = idOf("organization", p.hsdsId);
  return {
    id,
    name: p.name,
    description: organizationDescription(p.services, labels),
    organization_identifiers: [
      {
        id: idOf("identifier:code", p.hsdsId),
        organization_id: id,
        identifier_type: PARTNER_CODE_TYPE,
        identifier: p.code,
      },
    ],
  };
}

/** The fully nested service (GET /services/{id}, the export file): organization, location, hours, languages. */
export function hsdsService(p: DirectoryPartner, labels: IdLabels) {
  const id = p.hsdsId;
  const organization = hsdsOrganization(p, labels);
  const scheduleId = idOf("schedule", id);
  const translations = Object.entries(textsByLanguage(p.hoursByLanguage)).map(([language, text]) => ({
    id: idOf(`schedule:${language}`, id),
    link_id: scheduleId,
    link_type: TRANSLATION,
    link_entity: "schedule",
    ...termOf(languageTerm(language)),
    value: text,
  }));
  const phone = (number: string | null, type: "voice" | "text", description?: string) =>
    number === null
      ? []
      : [{ id: idOf(`phone:${type}`, id), service_id: id, number, type, ...(description ? { description } : {}) }];
  const locationId = idOf("location", id);
  return {
    ...hsdsServiceSummary(p),
    organization,
    phones: [...phone(p.phone, "voice"), ...phone(p.whatsapp, "text", WHATSAPP)],
    schedules: [{ id: scheduleId, service_id: id, description: p.hours, attributes: translations }],
    service_areas: p.areas.map((area) => ({
      id: idOf(`area:${area}`, id),
      service_id: id,
      name: area === EVERYWHERE ? "Everywhere" : labels.area(area),
      uri: `${AREA_URI}${area}`,
    })),
    languages: p.languages.map((code) => ({
      id: idOf(`language:${code}`, id),
      service_id: id,
      name: languageName(code),
      code,
    })),
    attributes: p.services.map((service) => ({
      id: idOf(`attribute:${service}`, id),
      link_id: id,
      link_type: "service_category",
      link_entity: "service",
      ...termOf(serviceTerm(service, labels)),
    })),
    service_at_locations:
      p.address === null
        ? []
        : [
            {
              id: idOf("service_at_location", id),
              service_id: id,
              location_id: locationId,
              // our addresses are free text: HSDS's address object needs them split (city, postal code, country)
              location: {
                id: locationId,
                location_type: "physical",
                organization_id: organization.id,
                name: p.name,
                description: p.address,
              },
            },
          ],
  };
}

/** A service's one-to-one fields, as the paged list (GET /services) gives them. */
export function hsdsServiceSummary(p: DirectoryPartner) {
  return {
    id: p.hsdsId,
    organization_id: idOf("organization", p.hsdsId),
    name: p.name,
    status: p.active ? "active" : "inactive",
    ...(p.email === null ? {} : { email: p.email }),
    assured_date: day(p.assuredOn),
    last_modified: p.updatedAt.toISOString(),
  };
}
