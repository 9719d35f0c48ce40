import { z } from "zod";
import type { Prisma } from "../../db/database.ts";
import type { IdLabels } from "../id-labels.ts";
import { isService } from "../services.ts";
import { AREA_URI, organizationDescription, PARTNER_CODE_TYPE, TRANSLATION, WHATSAPP } from "./hsds.ts";
import { partnerInputSchema } from "./partner.ts";
import { codesOfHsdsIds, type ImportedPartner, upsertPartners } from "./repository.ts";

// An Open Referral HSDS 3 file (a JSON list of fully nested services, as `npm run export:hsds` writes)
// read back into partners. Every field we cannot keep is named in the report, never dropped unsaid.

/** One finding about one record: its place in the file (from 1), its id when it has one, the field and why. */
export interface HsdsFinding {
  record: number;
  id: string;
  field: string;
  reason: string;
}

export interface HsdsImportReport {
  records: number;
  created: number;
  updated: number;
  /** records not saved, and why */
  refused: HsdsFinding[];
  /** records saved without these fields: the directory has no place for them */
  notKept: HsdsFinding[];
}

const text = z.string();
const list = <T extends z.ZodType>(of: T) => z.array(of).default([]);
const termSchema = z.looseObject({ code: text.optional(), taxonomy_id: text.optional() });
const attributeSchema = z.looseObject({
  link_type: text.optional(),
  value: text.optional(),
  taxonomy_term: termSchema.optional(),
});
const serviceSchema = z.looseObject({
  id: z.uuid(),
  name: text,
  status: z.enum(["active", "inactive", "defunct", "temporarily closed"]),
  email: text.optional(),
  assured_date: z.iso.date("assured_date is a day, YYYY-MM-DD").optional(),
  organization: z
    .looseObject({
      name: text,
      description: text.optional(),
      organization_identifiers: list(z.looseObject({ identifier_type: text, identifier: text })),
    })
    .optional(),
  phones: list(z.looseObject({ number: text, type: text.optional(), description: text.optional() })),
  schedules: list(z.looseObject({ description: text.optional(), attributes: list(attributeSchema) })),
  service_areas: list(z.looseObject({ name: text.optional(), uri: text.optional() })),
  languages: list(z.looseObject({ code: text.optional(), name: text.optional() })),
  attributes: list(attributeSchema),
  service_at_locations: list(
    z.looseObject({ location: z.looseObject({ name: text.optional(), description: text.optional() }).optional() }),
  ),
});
type HsdsService = z.infer<typeof serviceSchema>;

/** Phone types (RFC 6350's, as HSDS says) that reach a person: voice, mobile, SMS. */
const REACHABLE_PHONES = ["voice", "cell", "text"];

/** The fields of each object the directory reads or writes again itself (ids, links, our own markers). */
const KEPT = {
  service: [
    ...["id", "organization_id", "name", "status", "email", "assured_date", "last_modified", "organization"],
    ...["phones", "schedules", "service_areas", "languages", "attributes", "service_at_locations"],
  ],
  organization: ["id", "name", "description", "organization_identifiers"],
  phone: ["id", "service_id", "number", "type", "description"],
  schedule: ["id", "service_id", "description", "attributes"],
  service_area: ["id", "service_id", "name", "uri"],
  language: ["id", "service_id", "name", "code"],
  attribute: ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "taxonomy_term", "value"],
  service_at_location: ["id", "service_id", "location_id", "location"],
  location: ["id", "location_type", "organization_id", "name", "description"],
};

const given = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

/** The fields of an object with a value that the directory has no place for, as paths. */
function unkept(object: unknown, kept: readonly string[], path: string): string[] {
  if (typeof object !== "object" || object === null) return [];
  return Object.entries(object)
    .filter(([key, value]) => !kept.includes(key) && given(value))
    .map(([key]) => `${path}.${key}`);
}

/**
 * The partners a file holds, checked against the deployment's areas, with the records refused and the
 * fields left behind. Areas are read from our URIs or matched by id or label.
 */
export function readHsds(
  json: unknown,
  areaIds: readonly string[],
  labels: IdLabels,
): { report: HsdsImportReport; partners: { record: number; partner: ImportedPartner }[] } {
  const records = Array.isArray(json) ? json : [];
  const report: HsdsImportReport = { records: records.length, created: 0, updated: 0, refused: [], notKept: [] };
  if (!Array.isArray(json))
    report.refused.push({ record: 0, id: "", field: "", reason: "not a list of HSDS services (a JSON array)" });
  const schema = partnerInputSchema(areaIds);
  // a partner code or a service id given twice: which record was meant is for the sender to say
  const firstRecordOf = new Map<string, number>();
  const partners: { record: number; partner: ImportedPartner }[] = [];
  records.forEach((raw, i) => {
    const record = i + 1;
    const id = typeof raw === "object" && raw && "id" in raw ? String(raw.id) : "";
    const finding = (field: string, reason: string): HsdsFinding => ({ record, id, field, reason });
    const parsed = serviceSchema.safeParse(raw);
    if (!parsed.success) {
      report.refused.push(...parsed.error.issues.map((issue) => finding(issue.path.join("."), issue.message)));
      return;
    }
    const { input, left } = toPartnerInput(parsed.data, areaIds, labels);
    const checked = schema.safeParse(input);
    if (!checked.success) {
      report.refused.push(...checked.error.issues.map((issue) => finding(fieldOf(issue.path), issue.message)));
      return;
    }
    const repeated = [
      { key: `code:${checked.data.code}`, field: "organization.organization_identifiers", what: "partner code" },
      { key: `id:${parsed.data.id}`, field: "id", what: "service id" },
    ].flatMap(({ key, field, what }) => {
      const earlier = firstRecordOf.get(key);
      return earlier === undefined ? [] : [finding(field, `the same ${what} as record ${earlier}`)];
    });
    if (repeated.length) {
      report.refused.push(...repeated);
      return;
    }
    firstRecordOf.set(`code:${checked.data.code}`, record);
    firstRecordOf.set(`id:${parsed.data.id}`, record);
    report.notKept.push(...left.map((field) => finding(field, "not kept: the partner directory has no place for it")));
    const assured = parsed.data.assured_date;
    const assuredOn = assured ? { assuredOn: new Date(assured) } : {};
    partners.push({ record, partner: { ...checked.data, hsdsId: parsed.data.id, ...assuredOn } });
  });
  return { report, partners };
}

/** The partner a service describes, and the paths of the fields it leaves behind. */
function toPartnerInput(s: HsdsService, areaIds: readonly string[], labels: IdLabels) {
  const left = unkept(s, KEPT.service, "service");
  // a partner is shown or not: a closed service, for good or for now, is saved as inactive
  if (s.status !== "active" && s.status !== "inactive") left.push(`service.status (${s.status}: saved as inactive)`);
  const org = s.organization;
  left.push(...unkept(org, KEPT.organization, "organization"));
  const identifiers = org?.organization_identifiers ?? [];
  const code =
    identifiers.find((o) => o.identifier_type === PARTNER_CODE_TYPE)?.identifier ?? slug(org?.name ?? s.name);
  identifiers.forEach((o, i) => {
    if (o.identifier_type !== PARTNER_CODE_TYPE) left.push(`organization.organization_identifiers[${i}]`);
  });

  left.push(...s.phones.flatMap((p, i) => unkept(p, KEPT.phone, `phones[${i}]`)));
  // a number to call or to write to; a fax or a pager is not a way we offer
  const reachable = s.phones.filter((p, i) => {
    const ok = p.type === undefined || REACHABLE_PHONES.includes(p.type);
    if (!ok) left.push(`phones[${i}] (type ${p.type})`);
    return ok;
  });
  const voice = reachable.filter((p) => p.description !== WHATSAPP).map((p) => p.number);
  const whatsapp = reachable.filter((p) => p.description === WHATSAPP).map((p) => p.number);
  // one number of each kind: the rest are named as left behind
  left.push(...beyondFirst(voice, (n) => `phones (voice number ${n})`));
  left.push(...beyondFirst(whatsapp, (n) => `phones (WhatsApp number ${n})`));

  const [schedule] = s.schedules;
  left.push(...beyondFirst(s.schedules, (n) => `schedules[${n - 1}]`));
  left.push(...unkept(schedule, KEPT.schedule, "schedules[0]"));
  const translations = (schedule?.attributes ?? []).map((a, i) => ({
    language: a.link_type === TRANSLATION ? a.taxonomy_term?.code : undefined,
    text: a.value,
    path: `schedules[0].attributes[${i}]`,
  }));
  left.push(...translations.filter((t) => !t.language || !t.text).map((t) => t.path));
  const hoursByLanguage = Object.fromEntries(
    translations.flatMap((t) => (t.language && t.text ? [[t.language, t.text]] : [])),
  );

  const areas = s.service_areas.flatMap((a, i) => {
    left.push(...unkept(a, KEPT.service_area, `service_areas[${i}]`));
    return [areaOf(a, areaIds, labels) ?? a.name ?? ""];
  });
  const services = s.attributes.flatMap((a, i) => {
    left.push(...unkept(a, KEPT.attribute, `attributes[${i}]`));
    const term = a.taxonomy_term?.code;
    if (term && isService(term)) return [term];
    left.push(`attributes[${i}] (a term of another taxonomy: ${term ?? "no code"})`);
    return [];
  });
  left.push(...s.languages.flatMap((l, i) => unkept(l, KEPT.language, `languages[${i}]`)));

  const [place] = s.service_at_locations;
  left.push(...beyondFirst(s.service_at_locations, (n) => `service_at_locations[${n - 1}]`));
  left.push(...unkept(place, KEPT.service_at_location, "service_at_locations[0]"));
  left.push(...unkept(place?.location, KEPT.location, "service_at_locations[0].location"));
  if (org?.description && org.description !== organizationDescription(services, labels))
    left.push("organization.description");

  const input = {
    code,
    name: s.name,
    services,
    areas,
    languages: s.languages.map((l) => l.code ?? l.name ?? ""),
    phone: voice[0],
    whatsapp: whatsapp[0],
    email: s.email,
    address: place?.location?.description,
    hours: schedule?.description ?? "",
    hoursByLanguage,
    active: s.status === "active",
  };
  return { input, left };
}

/** The directory keeps one of each (phone, schedule, location): the others, by their number from 1. */
const beyondFirst = (items: readonly unknown[], name: (n: number) => string) =>
  items.slice(1).map((_, i) => name(i + 2));

/** Our area id from its URI, or an area named by id or label; undefined when none matches. */
function areaOf(a: { name?: string; uri?: string }, areaIds: readonly string[], labels: IdLabels) {
  if (a.uri?.startsWith(AREA_URI)) return a.uri.slice(AREA_URI.length);
  const name = a.name?.trim().toLowerCase();
  return areaIds.find((id) => id === name || labels.area(id).toLowerCase() === name);
}

/** A partner code from a name, for records published without ours ("Athens Legal Aid" -> athens-legal-aid). */
const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);

/** The HSDS field behind a partner field, so a refusal points into the file. */
function fieldOf(path: PropertyKey[]): string {
  const [field] = path;
  const fields: Record<string, string> = {
    code: "organization.organization_identifiers",
    services: "attributes",
    areas: "service_areas",
    languages: "languages",
    phone: "phones",
    whatsapp: "phones",
    address: "service_at_locations",
    hours: "schedules[0].description",
    hoursByLanguage: "schedules[0].attributes",
    active: "status",
  };
  return typeof field === "string" ? (fields[field] ?? field) : "";
}

/**
 * npm run import:hsds: every record checked; the good ones upserted by partner code in one transaction.
 * A service id already used by another partner's record is refused: ids must keep pointing at one partner.
 */
export async function importHsds(
  prisma: Prisma,
  json: unknown,
  areaIds: readonly string[],
  labels: IdLabels,
): Promise<HsdsImportReport> {
  const { report, partners } = readHsds(json, areaIds, labels);
  const owners = await codesOfHsdsIds(
    prisma,
    partners.flatMap(({ partner }) => partner.hsdsId ?? []),
  );
  const accepted = partners.flatMap(({ record, partner }) => {
    const owner = partner.hsdsId ? owners.get(partner.hsdsId) : undefined;
    if (owner === undefined || owner === partner.code) return [partner];
    report.refused.push({
      record,
      id: partner.hsdsId ?? "",
      field: "id",
      reason: `this service id belongs to partner "${owner}", not "${partner.code}"`,
    });
    return [];
  });
  return { ...report, ...(await upsertPartners(prisma, accepted)) };
}

/** The report as the command prints it: totals, then each finding with its file, record and field. */
export function formatHsdsReport(file: string, r: HsdsImportReport): string {
  const line = (kind: string) => (f: HsdsFinding) =>
    `  ${file} record ${f.record}${f.id ? ` (service ${f.id})` : ""}${f.field ? `, ${f.field}` : ""}: ${kind}${f.reason}`;
  const refusedRecords = new Set(r.refused.map((f) => f.record)).size;
  return [
    `${file}: ${r.records} records, ${r.created + r.updated} saved (${r.created} new, ${r.updated} updated), ${refusedRecords} refused`,
    ...r.refused.map(line("refused: ")),
    ...r.notKept.map(line("")),
  ].join("\n");
}
