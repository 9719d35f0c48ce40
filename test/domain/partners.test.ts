import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { areaLabelKey } from "../../src/domain/areas/area-labels.ts";
import { areasFile, readAreas, resolvePlace } from "../../src/domain/areas/areas.ts";
import { readPartnersCsv } from "../../src/domain/partners/import-csv.ts";
import { statusesBefore } from "../../src/domain/partners/referral.ts";
import { type Listing, partnerPages, rankPartners } from "../../src/domain/partners/service.ts";
import { flowSchema } from "../../src/engine/index.ts";
import { createTexts, type LocaleTexts, readLocales } from "../../src/i18n/texts.ts";
import { tempDirWith } from "../support/files.ts";

const areas = readAreas(areasFile("flows"));
const AREA_IDS = Object.keys(areas);
const HEADER = "code,name,services,areas,languages,phone,whatsapp,email,address,hours,hours_ar,active";

describe("reading a partner CSV", () => {
  test("each bad row is reported with its line, column and reason; the good rows are kept", () => {
    const { report, partners } = readPartnersCsv(
      [
        HEADER,
        "good-one,Good One,legal;health,athens,en;ar,+30 210 000 0001,,,,Mon-Fri 9-17,الاثنين 9-17,yes",
        "bad-service,Bad Service,legal;helth,athens,en,+30 210 000 0002,,,,Mon 9-12,,",
        "bad-language,Bad Language,legal,athens,en;english,+30 210 000 0003,,,,Mon 9-12,,",
        "bad-area,Bad Area,legal,crete,en,+30 210 000 0004,,,,Mon 9-12,,",
        "no-contact,No Contact,legal,athens,en,,,,,Mon 9-12,,",
        "no-hours,No Hours,legal,athens,en,+30 210 000 0006,,not-an-email,,,,",
        "bad-active,Bad Active,legal,athens,en,+30 210 000 0007,,,,Mon 9-12,,maybe",
        "short-row,Short Row,legal",
        "good-one,Good One Again,legal,athens,en,+30 210 000 0009,,,,Mon 9-12,,",
        "Bad Code!,Everywhere,gbv,all,fr,,+30 690 000 0010,,,24/7,,",
        '"quoted-two","Two, with a comma",food,"samos;lesvos",fr;fa,,+30 690 000 0011,two@example.org,"Vathy, Samos",Tue 10-12,,no',
      ].join("\n"),
      AREA_IDS,
    );
    expect(report.rows).toBe(11);
    expect(report.problems).toEqual([
      { line: 9, column: "", reason: "has 3 cells, the header has 12" },
      {
        line: 3,
        column: "services",
        reason: expect.stringMatching(/^unknown service "helth" \(one of health, mental_health, /),
      },
      { line: 4, column: "languages", reason: expect.stringMatching(/^unknown language "english"/) },
      {
        line: 5,
        column: "areas",
        reason: 'unknown area "crete" (one of athens, thessaloniki, lesvos, samos, ioannina, all)',
      },
      { line: 6, column: "phone", reason: "no way to reach them: give a phone, whatsapp, email or address" },
      { line: 7, column: "email", reason: "not an email address" },
      { line: 7, column: "hours", reason: "opening hours are needed" },
      { line: 8, column: "active", reason: '"maybe" is not yes or no' },
      { line: 10, column: "code", reason: "the same partner as line 2" },
      { line: 11, column: "code", reason: expect.stringContaining("lowercase letters, digits and dashes") },
    ]);
    expect(partners.map((p) => p.code)).toEqual(["good-one", "quoted-two"]);
    expect(partners[0]).toEqual({
      code: "good-one",
      name: "Good One",
      services: ["legal", "health"],
      areas: ["athens"],
      languages: ["en", "ar"],
      phone: "+30 210 000 0001",
      hours: "Mon-Fri 9-17",
      hoursByLanguage: { ar: "الاثنين 9-17" },
      active: true,
    });
    expect(partners[1]).toMatchObject({
      name: "Two, with a comma",
      areas: ["samos", "lesvos"],
      address: "Vathy, Samos",
      active: false,
    });
  });

  test("a missing, unknown or doubled column refuses every row, as problems on line 1", () => {
    const header = (text: string) =>
      readPartnersCsv(`${text}\ngood-one,Good One,legal,athens,en,+30 210 000 0001,Mon 9-12`, AREA_IDS);
    expect(header("code,name,services,areas,phone,hours")).toEqual({
      report: {
        rows: 1,
        created: 0,
        updated: 0,
        problems: [{ line: 1, column: "languages", reason: "missing column" }],
      },
      partners: [],
    });
    expect(header("code,name,servces,areas,languages,phone,hours").report.problems).toEqual([
      { line: 1, column: "services", reason: "missing column" },
      {
        line: 1,
        column: "servces",
        reason: expect.stringMatching(/^unknown column \(known: code, name, .*, hours_<language code>\)$/),
      },
    ]);
    expect(header("code,name,services,areas,languages,hours_zz,hours").report.problems).toEqual([
      { line: 1, column: "hours_zz", reason: expect.stringMatching(/^unknown column/) },
    ]);
    expect(header("code,name,services,areas,languages,phone,hours,Phone").report.problems).toEqual([
      { line: 1, column: "phone", reason: "column given twice" },
    ]);
  });

  test("an empty or broken file is one problem, in the same report", () => {
    expect(readPartnersCsv("", AREA_IDS).report).toEqual({
      rows: 0,
      created: 0,
      updated: 0,
      problems: [{ line: 1, column: "", reason: "the file is empty" }],
    });
    expect(readPartnersCsv(`${HEADER}\n"unclosed,quote`, AREA_IDS).report.problems).toEqual([
      { line: 2, column: "", reason: expect.stringMatching(/^not readable as CSV: Quote Not Closed/) },
    ]);
  });
});

describe("nearest first", () => {
  const p = (name: string, partnerAreas: string[], languages: string[]) => ({ name, areas: partnerAreas, languages });
  const all = [
    p("Far Away", ["samos"], ["ar"]),
    p("Thessaloniki", ["thessaloniki"], ["ar"]),
    p("Ioannina", ["ioannina"], ["en"]),
    p("Hotline", ["all"], ["en"]),
    p("Athens Greek", ["athens"], ["el"]),
    p("Athens Arabic", ["athens", "samos"], ["ar", "el"]),
  ];

  test("the same area, then everywhere, then near areas in their listed order; the person's language breaks ties", () => {
    expect(rankPartners(all, { area: "athens", language: "ar" }, areas).map((x) => x.name)).toEqual([
      "Athens Arabic",
      "Athens Greek",
      "Hotline",
    ]);
    expect(rankPartners(all.slice(0, 3), { area: "athens", language: "ar" }, areas).map((x) => x.name)).toEqual([
      "Ioannina",
      "Thessaloniki",
    ]);
  });

  test("an unknown place gets only the partners that serve everywhere", () => {
    expect(rankPartners(all, { area: undefined, language: "en" }, areas).map((x) => x.name)).toEqual(["Hotline"]);
  });
});

describe("a partner's opening hours in the person's language", () => {
  const texts = createTexts(readLocales("locales"), "en");
  const partner = {
    name: "Aegean Legal Aid",
    areas: ["athens"],
    languages: ["en"],
    phone: "+30 210 000 0101",
    whatsapp: null,
    email: null,
    address: null,
    hours: "Mon-Fri 09:00-17:00",
    hoursByLanguage: { ar: "الاثنين-الجمعة 09:00-17:00" },
  };
  const describePartners = (texts: LocaleTexts, language: string, channel: "sms" | "whatsapp", partners: Listing[]) =>
    partnerPages(texts, language, channel, partners, { service_label: "", area_label: "" }).join("\n\n");
  test("the person's own language where given, else the English hours said to be in English; English as it is", () => {
    expect(describePartners(texts, "ar", "sms", [partner])).toContain("الاثنين-الجمعة 09:00-17:00");
    expect(describePartners(texts, "uk", "whatsapp", [partner])).toContain("Mon-Fri 09:00-17:00 (англійською)");
    expect(describePartners(texts, "fa", "sms", [partner])).toContain("Mon-Fri 09:00-17:00\u200e (به انگلیسی)");
    expect(describePartners(texts, "en", "sms", [partner])).toMatch(/Open Mon-Fri 09:00-17:00$/);
  });
});

describe("places in the person's words", () => {
  const texts = createTexts(readLocales("locales"), "en");
  const labels = (id: string) => texts.languages.map((l) => texts.t(l, areaLabelKey(id), {}, "whatsapp"));

  test.each([
    ["Je suis à Mytilène", "lesvos"],
    ["في أثينا", "athens"],
    ["ATHÈNES", "athens"],
    ["camp of Kara Tepe", "lesvos"],
    ["Σάμος", "samos"],
    ["ثيسالونيكي", "thessaloniki"],
    ["في سالونيك", "thessaloniki"],
    ["Kos", undefined],
    ["Athens or Samos", undefined],
    ["", undefined],
  ])("%s -> %s", (text, area) => {
    expect(resolvePlace(text, areas, labels)).toBe(area);
  });
});

describe("deployment data stays in step", () => {
  // labels and unknown options are checked at start-up (test/domain/area-labels.test.ts); a left-out area is not
  test.each([
    ["find_help", "ask_area"],
    ["report_need", "area"],
  ])("the area menu of %s offers every area of flows/data/areas.yaml", (file, node) => {
    const flow = flowSchema.parse(parse(readFileSync(`flows/${file}.yaml`, "utf8")));
    const ask = flow.nodes.find((n) => n.id === node);
    const options = ask?.type === "ask" && ask.answer.type === "choice" ? ask.answer.options : [];
    expect(options.map((o) => o.value)).toEqual([...AREA_IDS, "other"]);
  });

  test("an area said to be near an unknown one is refused with the file and path", () => {
    const dir = tempDirWith({ "data/areas.yaml": "areas:\n  athens:\n    near: [atlantis]\n" });
    expect(() => readAreas(areasFile(dir))).toThrow(/areas\.yaml: areas\.athens\.near\.0: no area "atlantis"/);
  });
});

test("referral statuses move forward only", () => {
  expect(statusesBefore("contacted")).toEqual(["new"]);
  expect(statusesBefore("accepted")).toEqual(["contacted"]);
  // service received: confirmed by the partner once they reached the person, or after accepting
  expect(statusesBefore("received")).toEqual(["contacted", "accepted"]);
  expect(statusesBefore("closed")).toEqual(["new", "contacted", "accepted", "received"]);
  expect(statusesBefore("new")).toEqual([]);
});
