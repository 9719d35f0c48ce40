import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { areaLabelKey } from "../../src/domain/partners/area-labels.ts";
import { areasFile, readAreas, resolvePlace } from "../../src/domain/partners/areas.ts";
import { readPartnersCsv } from "../../src/domain/partners/import.ts";
import { statusesBefore } from "../../src/domain/partners/referral.ts";
import { rankPartners } from "../../src/domain/partners/service.ts";
import { flowSchema } from "../../src/engine/index.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";

const areas = readAreas(areasFile("flows"));
const AREA_IDS = Object.keys(areas);
const HEADER = "code,name,services,areas,languages,phone,whatsapp,email,address,hours,hours_ar,active";

describe("reading a partner CSV", () => {
  test("each bad row is reported with its line, column and reason; the good rows are kept", () => {
    const csv = readPartnersCsv([
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
    ].join("\n"), AREA_IDS);
    if (!csv.ok) throw new Error(csv.reason);
    expect(csv.rows).toBe(11);
    expect(csv.errors).toEqual([
      { row: 3, column: "services", reason: expect.stringMatching(/^unknown service "helth" \(one of health, mental_health, /) },
      { row: 4, column: "languages", reason: expect.stringMatching(/^unknown language "english"/) },
      { row: 5, column: "areas", reason: 'unknown area "crete" (one of athens, thessaloniki, lesvos, samos, ioannina, all)' },
      { row: 6, column: "phone", reason: "no way to reach them: give a phone, whatsapp, email or address" },
      { row: 7, column: "email", reason: "not an email address" },
      { row: 7, column: "hours", reason: "opening hours are needed" },
      { row: 8, column: "active", reason: '"maybe" is not yes or no' },
      { row: 9, column: "*", reason: "has 3 cells, the header has 12" },
      { row: 10, column: "code", reason: '"good-one" is already used on line 2' },
      { row: 11, column: "code", reason: expect.stringContaining("lowercase letters, digits and dashes") },
    ]);
    expect(csv.partners.map((p) => [p.row, p.partner.code])).toEqual([[2, "good-one"], [12, "quoted-two"]]);
    expect(csv.partners[0]!.partner).toEqual({
      code: "good-one", name: "Good One", services: ["legal", "health"], areas: ["athens"], languages: ["en", "ar"],
      phone: "+30 210 000 0001", hours: "Mon-Fri 9-17", hoursByLanguage: { ar: "الاثنين 9-17" }, active: true,
    });
    expect(csv.partners[1]!.partner).toMatchObject({ name: "Two, with a comma", areas: ["samos", "lesvos"], address: "Vathy, Samos", active: false });
  });

  test("a header with a missing or unknown column refuses the whole file, naming it", () => {
    expect(readPartnersCsv("code,name,services,areas,hours\n", AREA_IDS)).toEqual({ ok: false, reason: "missing column(s): languages" });
    expect(readPartnersCsv(`${HEADER},servces\n`, AREA_IDS)).toEqual({ ok: false, reason: expect.stringMatching(/^unknown column\(s\): servces \(known: /) });
    expect(readPartnersCsv(`${HEADER},hours_zz\n`, AREA_IDS)).toMatchObject({ ok: false, reason: expect.stringContaining("hours_zz") });
    expect(readPartnersCsv("", AREA_IDS)).toEqual({ ok: false, reason: "the file is empty" });
    expect(readPartnersCsv(`${HEADER}\n"unclosed,quote`, AREA_IDS)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not readable as CSV/) });
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
    expect(rankPartners(all, { area: "athens", language: "ar" }, areas).map((x) => x.name)).toEqual(["Athens Arabic", "Athens Greek", "Hotline"]);
    expect(rankPartners(all.slice(0, 3), { area: "athens", language: "ar" }, areas).map((x) => x.name)).toEqual(["Ioannina", "Thessaloniki"]);
  });

  test("an unknown place gets only the partners that serve everywhere", () => {
    expect(rankPartners(all, { area: undefined, language: "en" }, areas).map((x) => x.name)).toEqual(["Hotline"]);
  });
});

describe("places in the person's words", () => {
  const texts = createTexts(readLocales("locales"), "en");
  const labels = (id: string) => texts.languages.map((l) => texts.t(l, areaLabelKey(id), {}, "whatsapp"));

  test.each([
    ["Je suis à Mytilène", "lesvos"], ["في أثينا", "athens"], ["ATHÈNES", "athens"], ["camp of Kara Tepe", "lesvos"],
    ["Σάμος", "samos"], ["ثيسالونيكي", "thessaloniki"], ["في سالونيك", "thessaloniki"], ["Kos", undefined], ["Athens or Samos", undefined], ["", undefined],
  ])("%s -> %s", (text, area) => {
    expect(resolvePlace(text, areas, labels)).toBe(area);
  });
});

describe("deployment data stays in step", () => {
  // labels and unknown options are checked at start-up (test/domain/area-labels.test.ts); a left-out area is not
  test.each([["find_help", "ask_area"], ["report_need", "area"]])("the area menu of %s offers every area of flows/data/areas.yaml", (file, node) => {
    const flow = flowSchema.parse(parse(readFileSync(`flows/${file}.yaml`, "utf8")));
    const ask = flow.nodes.find((n) => n.id === node);
    const options = ask?.type === "ask" && ask.answer.type === "choice" ? ask.answer.options : [];
    expect(options.map((o) => o.value)).toEqual([...AREA_IDS, "other"]);
  });

  test("an area said to be near an unknown one is refused with the file and path", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "areas-"));
    mkdirSync(path.join(dir, "data"));
    writeFileSync(areasFile(dir), "areas:\n  athens:\n    near: [atlantis]\n");
    expect(() => readAreas(areasFile(dir))).toThrow(/areas\.yaml: areas\.athens\.near\.0: no area "atlantis"/);
  });
});

test("referral statuses move forward only", () => {
  expect(statusesBefore("contacted")).toEqual(["new"]);
  expect(statusesBefore("accepted")).toEqual(["contacted"]);
  expect(statusesBefore("closed")).toEqual(["new", "contacted", "accepted"]);
  expect(statusesBefore("new")).toEqual([]);
});
