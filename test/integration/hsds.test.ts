import path from "node:path";
import { readFileSync } from "node:fs";
import { exportHsdsCommand } from "../../src/cli/export-hsds.ts";
import { importHsdsCommand } from "../../src/cli/import-hsds.ts";
import { importPartnersCommand } from "../../src/cli/import-partners.ts";
import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { exportHsds } from "../../src/domain/partners/hsds-directory.ts";
import { formatHsdsReport, importHsds } from "../../src/domain/partners/hsds-import.ts";
import { importPartnersCsv } from "../../src/domain/partners/import-csv.ts";
import { updatePartner } from "../../src/domain/partners/repository.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { staffLabels } from "../../src/staff/labels.ts";
import { runCommand } from "../support/cli.ts";
import { testDatabase } from "../support/database.ts";
import { tempDirWith } from "../support/files.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { hsds, problems } from "../support/hsds-schemas.ts";

const areas = readAreas(areasFile("flows"));
const areaIds = Object.keys(areas);
const labels = staffLabels(createTexts(readLocales("locales"), "en"), "Europe/Athens");

let h: Harness;
const prisma = () => h.server.db.prisma;

/** Three partners: every field we hold, hours in two more languages, one inactive, one everywhere. */
const PARTNERS = [
  "code,name,services,areas,languages,phone,whatsapp,email,address,hours,hours_ar,hours_fa,active",
  'athens-legal,Athens Legal Aid,legal;documentation,athens;thessaloniki,en;ar;el,+30 210 000 0001,+30 690 000 0001,help@legal.example.org,"Solonos 10, Athens",Mon-Fri 9-17,الإثنين-الجمعة 9-17,دوشنبه تا جمعه ۹-۱۷,yes',
  "samos-food,Samos Food Bank,food,samos,en;fr,+30 227 000 0002,,,,Tue and Thu 10-13,,,no",
  "hotline-mh,Mental Health Line,mental_health,all,en;uk;ru,,+30 690 000 0003,,,Every day 8-22,,,yes",
].join("\n");

beforeAll(async () => {
  h = await startHarness();
  const report = await importPartnersCsv(prisma(), PARTNERS, areas);
  expect(report.problems).toEqual([]);
  // checked long ago: the export must say so
  await prisma().partner.update({ where: { code: "samos-food" }, data: { assuredOn: new Date("2026-01-15") } });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** What the directory holds, every field a partner has except the database's own row ids and times. */
const directory = async () =>
  (await prisma().partner.findMany({ orderBy: { code: "asc" } })).map(({ id, createdAt, updatedAt, ...p }) => p);
const withoutModified = (services: { last_modified?: string }[]) => services.map(({ last_modified, ...rest }) => rest);

describe("HSDS export and import", () => {
  test("every exported service validates against the HSDS 3.0 schemas, with our taxonomy, hours and check date", async () => {
    const services = await exportHsds(prisma(), labels);
    expect(services.map((s) => s.name)).toEqual(["Athens Legal Aid", "Mental Health Line", "Samos Food Bank"]);
    // and as 3.1 (in development) defines them: we write only fields both releases have
    for (const validate of [hsds.service, hsds.v31.service]) {
      for (const s of services) {
        expect({ service: s.name, valid: validate(s), problems: problems(validate) }).toEqual({
          service: s.name,
          valid: true,
          problems: "",
        });
      }
    }
    const [legal, line, food] = services;
    expect(food).toMatchObject({ status: "inactive", assured_date: "2026-01-15", service_at_locations: [] });
    expect(legal?.assured_date).toBe(new Date().toISOString().slice(0, 10));
    expect(legal?.organization.organization_identifiers[0]).toMatchObject({
      identifier_type: "Haven partner code",
      identifier: "athens-legal",
    });
    expect(
      legal?.attributes.map((a) => [a.taxonomy_term.code, a.taxonomy_term.name, a.taxonomy_term.taxonomy]),
    ).toEqual([
      ["legal", labels.category("legal"), "Haven services"],
      ["documentation", labels.category("documentation"), "Haven services"],
    ]);
    expect(legal?.schedules).toEqual([
      expect.objectContaining({
        description: "Mon-Fri 9-17",
        attributes: [
          expect.objectContaining({
            link_type: "translation",
            value: "الإثنين-الجمعة 9-17",
            taxonomy_term: expect.objectContaining({ code: "ar" }),
          }),
          expect.objectContaining({
            link_type: "translation",
            value: "دوشنبه تا جمعه ۹-۱۷",
            taxonomy_term: expect.objectContaining({ code: "fa" }),
          }),
        ],
      }),
    ]);
    expect(legal?.languages.map((l) => [l.code, l.name])).toEqual([
      ["en", "English"],
      ["ar", "Arabic"],
      ["el", "Greek"],
    ]);
    expect(legal?.phones.map((p) => [p.type, p.number])).toEqual([
      ["voice", "+30 210 000 0001"],
      ["text", "+30 690 000 0001"],
    ]);
    expect(legal?.service_at_locations[0]?.location).toMatchObject({
      location_type: "physical",
      description: "Solonos 10, Athens",
    });
    expect(line?.service_areas).toEqual([expect.objectContaining({ name: "Everywhere", uri: "urn:haven:area:all" })]);
    // two exports give the same ids: consumers can follow a service from one to the next
    expect(await exportHsds(prisma(), labels)).toEqual(services);
  });

  test("importing what we export gives the same directory, ids and check dates included", async () => {
    const before = await directory();
    const exported = await exportHsds(prisma(), labels);
    await prisma().partner.deleteMany();
    const report = await importHsds(prisma(), JSON.parse(JSON.stringify(exported)), areaIds, labels);
    expect(report).toEqual({ records: 3, created: 3, updated: 0, refused: [], notKept: [] });
    expect(await directory()).toEqual(before);
    expect(withoutModified(await exportHsds(prisma(), labels))).toEqual(withoutModified(exported));
    // a second import of the same file updates, and changes nothing
    expect(await importHsds(prisma(), exported, areaIds, labels)).toMatchObject({ created: 0, updated: 3 });
    expect(await directory()).toEqual(before);
  });

  test("a bad record is refused with its record, field and reason; fields we cannot keep are named", async () => {
    const [good] = await exportHsds(prisma(), labels);
    const file = [
      {
        ...good,
        name: "Athens Legal Aid (new name)",
        fees_description: "Free",
        schedules: [{ ...good?.schedules[0], opens_at: "09:00" }],
      },
      {
        ...good,
        id: "6f1c1c36-5a55-4b3e-9f8e-0a4c1d9f0b11",
        organization: { ...good?.organization, organization_identifiers: [] },
        name: "Other Org",
        languages: [{ id: "0b8f6a4e-1c1e-4d55-9a43-7f1f2e6c9b10", code: "xx" }],
      },
      { id: "not-a-uuid", name: "Broken", status: "open" },
      { ...good, name: "Same id again", status: "temporarily closed" },
    ];
    const report = await importHsds(prisma(), file, areaIds, labels);
    expect(report.records).toBe(4);
    expect(report.updated).toBe(1);
    expect(report.refused).toEqual([
      { record: 2, id: file[1]?.id, field: "languages", reason: expect.stringContaining('unknown language "xx"') },
      { record: 3, id: "not-a-uuid", field: "id", reason: expect.stringMatching(/uuid/i) },
      { record: 3, id: "not-a-uuid", field: "status", reason: expect.any(String) },
      {
        record: 4,
        id: good?.id,
        field: "organization.organization_identifiers",
        reason: "the same partner code as record 1",
      },
      { record: 4, id: good?.id, field: "id", reason: "the same service id as record 1" },
    ]);
    expect(report.notKept.map((f) => [f.record, f.field])).toEqual([
      [1, "service.fees_description"],
      [1, "schedules[0].opens_at"],
    ]);
    expect(formatHsdsReport("in.json", report).split("\n")).toEqual([
      "in.json: 4 records, 1 saved (0 new, 1 updated), 3 refused",
      expect.stringMatching(
        /^ {2}in\.json record 2 \(service 6f1c1c36-.*\), languages: refused: unknown language "xx"/,
      ),
      expect.stringMatching(/^ {2}in\.json record 3 \(service not-a-uuid\), id: refused: /),
      expect.stringMatching(/^ {2}in\.json record 3 \(service not-a-uuid\), status: refused: /),
      `  in.json record 4 (service ${good?.id}), organization.organization_identifiers: refused: the same partner code as record 1`,
      `  in.json record 4 (service ${good?.id}), id: refused: the same service id as record 1`,
      `  in.json record 1 (service ${good?.id}), service.fees_description: not kept: the partner directory has no place for it`,
      `  in.json record 1 (service ${good?.id}), schedules[0].opens_at: not kept: the partner directory has no place for it`,
    ]);
    expect((await prisma().partner.findUniqueOrThrow({ where: { code: "athens-legal" } })).name).toBe(
      "Athens Legal Aid (new name)",
    );
  });

  test("what a richer directory holds beyond ours is named record by record; a file that is no list is refused", async () => {
    const [legal] = await exportHsds(prisma(), labels);
    if (!legal) throw new Error("no partner exported");
    const place = legal.service_at_locations[0];
    const richer = {
      ...legal,
      status: "temporarily closed",
      organization: {
        ...legal.organization,
        website: "https://legal.example.org",
        organization_identifiers: [
          ...legal.organization.organization_identifiers,
          { id: "3b0d6a52-3d0e-4c55-9a43-7f1f2e6c9b11", identifier_type: "Charity number", identifier: "GR-123" },
        ],
      },
      phones: [
        ...legal.phones,
        { id: "3b0d6a52-3d0e-4c55-9a43-7f1f2e6c9b12", number: "+30 210 000 0009", type: "voice" },
        { id: "3b0d6a52-3d0e-4c55-9a43-7f1f2e6c9b13", number: "+30 210 000 0010", type: "fax" },
      ],
      service_at_locations: [...legal.service_at_locations, { ...place, id: "3b0d6a52-3d0e-4c55-9a43-7f1f2e6c9b14" }],
    };
    const report = await importHsds(prisma(), [richer], areaIds, labels);
    expect(report).toMatchObject({ records: 1, updated: 1, refused: [] });
    expect(report.notKept.map((f) => f.field)).toEqual([
      "service.status (temporarily closed: saved as inactive)",
      "organization.website",
      "organization.organization_identifiers[1]",
      "phones[3] (type fax)",
      "phones (voice number 2)",
      "service_at_locations[1]",
    ]);
    // the first of each kind is kept
    const saved = await prisma().partner.findUniqueOrThrow({ where: { code: "athens-legal" } });
    expect([saved.phone, saved.address, saved.active]).toEqual(["+30 210 000 0001", "Solonos 10, Athens", false]);
    expect(await importHsds(prisma(), { services: [] }, areaIds, labels)).toEqual({
      records: 0,
      created: 0,
      updated: 0,
      refused: [{ record: 0, id: "", field: "", reason: "not a list of HSDS services (a JSON array)" }],
      notKept: [],
    });
  });

  test("a staff edit marks the record as checked today", async () => {
    const partner = await prisma().partner.update({
      where: { code: "samos-food" },
      data: { assuredOn: new Date("2025-05-05") },
    });
    const { id, hsdsId, assuredOn, createdAt, updatedAt, ...input } = partner;
    await updatePartner(prisma(), id, {
      ...input,
      phone: input.phone ?? undefined,
      whatsapp: undefined,
      email: undefined,
      address: undefined,
      hoursByLanguage: {},
    });
    const [food] = (await exportHsds(prisma(), labels)).filter((s) => s.id === hsdsId);
    expect(food?.assured_date).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe("GET /api/hsds", () => {
  const get = (p: string) => fetch(`${h.server.url}/api/hsds${p}`);

  test("the root says which HSDS it serves, as the OpenAPI describes it", async () => {
    const res = await get("/");
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(hsds.apiInfo(body) || problems(hsds.apiInfo)).toBe(true);
    expect(body.version).toBe("3.0");
  });

  test("services come in pages; each page and item valid; past the end an empty page", async () => {
    const page = hsds.page("service_list.json");
    const pages = [];
    for (const n of [1, 2, 3]) {
      const res = await get(`/services?per_page=2&page=${n}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(page(body) || problems(page)).toBe(true);
      pages.push(body);
    }
    const shape = ({ contents, ...rest }: { contents: { name: string }[] }) => ({
      ...rest,
      names: contents.map((c) => c.name),
    });
    expect(pages.map(shape)).toEqual([
      {
        total_items: 3,
        total_pages: 2,
        page_number: 1,
        size: 2,
        first_page: true,
        last_page: false,
        empty: false,
        names: ["Athens Legal Aid (new name)", "Mental Health Line"],
      },
      {
        total_items: 3,
        total_pages: 2,
        page_number: 2,
        size: 1,
        first_page: false,
        last_page: true,
        empty: false,
        names: ["Samos Food Bank"],
      },
      {
        total_items: 3,
        total_pages: 2,
        page_number: 3,
        size: 0,
        first_page: false,
        last_page: true,
        empty: true,
        names: [],
      },
    ]);
    expect((await get("/services?per_page=0")).status).toBe(400);
    expect((await get("/services?page=two")).status).toBe(400);
  });

  test("one service fully nested, as the export writes it; an unknown id is 404", async () => {
    const exported = await exportHsds(prisma(), labels);
    for (const s of exported) {
      const res = await get(`/services/${s.id}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(hsds.service(body) || problems(hsds.service)).toBe(true);
      expect(body).toEqual(s);
    }
    expect((await get("/services/6f1c1c36-5a55-4b3e-9f8e-0a4c1d9f0b99")).status).toBe(404);
    expect((await get("/services/athens-legal")).status).toBe(404);
  });

  test("organizations come in pages too, valid, with our partner code", async () => {
    const page = hsds.page("organization.json");
    const body = await (await get("/organizations?per_page=10")).json();
    expect(page(body) || problems(page)).toBe(true);
    for (const o of body.contents) expect(hsds.v31.organization(o) || problems(hsds.v31.organization)).toBe(true);
    expect(
      body.contents.map(
        (o: { organization_identifiers: { identifier: string }[] }) => o.organization_identifiers[0]?.identifier,
      ),
    ).toEqual(["athens-legal", "hotline-mh", "samos-food"]);
  });

  test("nothing about people: no referral, no contact in any answer", async () => {
    const texts = await Promise.all(
      ["/services?per_page=100", "/organizations?per_page=100"].map(async (p) => (await get(p)).text()),
    );
    for (const t of texts) expect(t).not.toMatch(/referral|contact/i);
  });
});

test("npm run export:hsds and import:hsds: a file out, and the same directory back into another database", async () => {
  const from = await testDatabase();
  const to = await testDatabase();
  try {
    const on = (d: typeof from) => ({ env: { DATA_DIR: d.dataDir, DATABASE_URL: d.url ?? "" } });
    const dir = tempDirWith({ "partners.csv": PARTNERS });
    expect(await runCommand(importPartnersCommand, [path.join(dir, "partners.csv")], on(from))).toMatchObject({
      code: 0,
    });
    const file = path.join(dir, "directory.json");
    expect(await runCommand(exportHsdsCommand, [file], on(from))).toMatchObject({
      code: 0,
      stdout: `${file}: 3 services\n`,
    });
    const services = JSON.parse(readFileSync(file, "utf8"));
    for (const s of services) expect(hsds.service(s) || problems(hsds.service)).toBe(true);
    expect(await runCommand(importHsdsCommand, [file], on(to))).toMatchObject({
      code: 0,
      stdout: `${file}: 3 records, 3 saved (3 new, 0 updated), 0 refused\n`,
    });
    const again = path.join(dir, "again.json");
    expect(await runCommand(exportHsdsCommand, [again], on(to))).toMatchObject({ code: 0 });
    expect(withoutModified(JSON.parse(readFileSync(again, "utf8")))).toEqual(withoutModified(services));
  } finally {
    await from.drop();
    await to.drop();
  }
}, 120_000);

test("the public API is limited per address", async () => {
  const limited = await startHarness({ HSDS_API_PER_MINUTE: "3" });
  try {
    const from = (ip: string) =>
      fetch(`${limited.server.url}/api/hsds/services`, { headers: { "x-forwarded-for": ip } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from("203.0.113.7")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // another address is not held back by the first one's requests
    expect((await from("203.0.113.8")).status).toBe(200);
  } finally {
    await limited.close();
  }
}, 60_000);
