import path from "node:path";
import { importPartnersCommand } from "../../src/cli/import-partners.ts";
import { seedCommand } from "../../src/cli/seed.ts";
import { type Database, databaseTarget, openDatabase } from "../../src/db/database.ts";
import { deployMigrations } from "../../src/db/migrations.ts";
import { formatReport } from "../../src/domain/csv.ts";
import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { importPartnersCsv } from "../../src/domain/partners/import-csv.ts";
import {
  createReferral,
  getPartner,
  listPartners,
  listReferrals,
  setReferralStatus,
  updatePartner,
} from "../../src/domain/partners/repository.ts";
import { runCommand } from "../support/cli.ts";
import { testDatabase } from "../support/database.ts";
import { tempDirWith } from "../support/files.ts";

const areas = readAreas(areasFile("flows"));
let database: Awaited<ReturnType<typeof testDatabase>>;
let db: Database;

beforeAll(async () => {
  database = await testDatabase();
  const target = await databaseTarget(database.url, database.dataDir);
  await deployMigrations(target.factory);
  db = openDatabase(target);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const csvFile = (name: string, lines: string[]) => path.join(tempDirWith({ [name]: lines }), name);
const HEADER = "code,name,services,areas,languages,phone,hours";

test("bad rows are reported and skipped, good rows are saved; a second import updates by code", async () => {
  const report = await importPartnersCsv(
    db.prisma,
    [
      HEADER,
      "kept-a,Kept A,legal,athens,en,+30 210 000 0001,Mon 9-12",
      "refused,Refused,legal,athens,xx,+30 210 000 0002,Mon 9-12",
      "kept-b,Kept B,food;shelter,samos,ar,+30 210 000 0003,Tue 9-12",
    ].join("\n"),
    areas,
  );
  expect(report).toEqual({
    rows: 3,
    created: 2,
    updated: 0,
    problems: [{ line: 3, column: "languages", reason: expect.stringContaining('unknown language "xx"') }],
  });
  expect(formatReport("first.csv", report).split("\n")).toEqual([
    "first.csv: 3 rows, 2 saved (2 new, 0 updated), 1 refused",
    expect.stringMatching(/^ {2}line 3, column languages: unknown language "xx"/),
  ]);
  expect((await db.prisma.partner.findMany({ orderBy: { code: "asc" } })).map((p) => p.code)).toEqual([
    "kept-a",
    "kept-b",
  ]);

  const second = [
    HEADER,
    "kept-a,Kept A (new name),legal;documentation,athens;ioannina,en;el,+30 210 000 0009,Mon-Fri 9-12",
  ].join("\n");
  expect(await importPartnersCsv(db.prisma, second, areas)).toEqual({ rows: 1, created: 0, updated: 1, problems: [] });
  expect(await db.prisma.partner.findUniqueOrThrow({ where: { code: "kept-a" } })).toMatchObject({
    name: "Kept A (new name)",
    services: ["legal", "documentation"],
    areas: ["athens", "ioannina"],
    phone: "+30 210 000 0009",
    active: true,
  });
  expect(await db.prisma.partner.count()).toBe(2);
});

test("the staff app's functions: list, read, edit partners; referrals move forward only", async () => {
  const partner = await db.prisma.partner.create({
    data: {
      code: "staff-edit",
      name: "Staff Edit",
      services: ["health"],
      areas: ["lesvos"],
      languages: ["en"],
      phone: "+30 1",
      hours: "Mon",
    },
  });
  expect((await listPartners(db.prisma, { service: "health", area: "lesvos" })).map((p) => p.code)).toEqual([
    "staff-edit",
  ]);
  expect(await getPartner(db.prisma, partner.id)).toMatchObject({ name: "Staff Edit" });
  const edited = await updatePartner(db.prisma, partner.id, {
    code: "staff-edit",
    name: "Staff Edited",
    services: ["health"],
    areas: ["lesvos"],
    languages: ["en", "ar"],
    hours: "Mon-Tue",
    hoursByLanguage: {},
    active: false,
    phone: "+30 2",
  });
  expect(edited).toMatchObject({ name: "Staff Edited", active: false });
  expect(
    await updatePartner(db.prisma, 999_999, {
      code: "x",
      name: "x",
      services: [],
      areas: [],
      languages: [],
      hours: "x",
      hoursByLanguage: {},
      active: true,
    }),
  ).toBeNull();
  expect(await listPartners(db.prisma, { service: "health", active: true })).toEqual([]);

  const contact = await db.prisma.contact.create({ data: { channel: "sms", address: "+306900000001" } });
  const referral = await createReferral(db.prisma, {
    contactId: contact.id,
    partnerId: partner.id,
    service: "health",
    name: "Amal",
    consentAt: new Date(),
  });
  expect(await setReferralStatus(db.prisma, referral.id, "accepted")).toBe(false);
  expect(await setReferralStatus(db.prisma, referral.id, "contacted")).toBe(true);
  expect(await setReferralStatus(db.prisma, referral.id, "accepted")).toBe(true);
  expect(await listReferrals(db.prisma, { status: "accepted" })).toEqual([
    expect.objectContaining({
      id: referral.id,
      partner: { id: partner.id, name: "Staff Edited" },
      contact: expect.objectContaining({ address: "+306900000001" }),
    }),
  ]);
  expect(await setReferralStatus(db.prisma, referral.id, "closed")).toBe(true);
  expect(await setReferralStatus(db.prisma, referral.id, "new")).toBe(false);
});

test("npm run import:partners prints each file's report, like import:cases, and exits 1 when a row was refused", async () => {
  const file = csvFile("cli.csv", [
    HEADER,
    "cli-ok,Cli Ok,legal,athens,en,+30 210 000 0001,Mon 9-12",
    "cli-bad,Cli Bad,lawyers,athens,en,+30 210 000 0002,Mon 9-12",
  ]);
  const typo = csvFile("typo.csv", [
    "code,name,services,areas,languages,phone,hours,activ",
    "cli-typo,Cli Typo,legal,athens,en,+30 210 000 0003,Mon 9-12,no",
  ]);
  // a database of its own: PGlite's folder has one opener at a time, and this file's is open
  const own = await testDatabase();
  const run = await runCommand(importPartnersCommand, [file, typo], {
    env: { DATA_DIR: own.dataDir, DATABASE_URL: own.url ?? "" },
  });
  expect(run).toMatchObject({
    code: 1,
    stdout: [
      `${file}: 2 rows, 1 saved (1 new, 0 updated), 1 refused`,
      '  line 3, column services: unknown service "lawyers" (one of health, mental_health, legal, shelter, food, cash, education, child_protection, gbv, womens_health, documentation, livelihoods)',
      `${typo}: 1 rows, 0 saved (0 new, 0 updated), 1 refused`,
      "  line 1, column activ: unknown column (known: code, name, services, areas, languages, hours, phone, whatsapp, email, address, active, hours_<language code>)",
      "",
    ].join("\n"),
  });
  await own.drop();
}, 60_000);

test("npm run seed loads the demo cases and partners without a refused row", async () => {
  // a database never migrated: a new install's first command
  const empty = await testDatabase({ empty: true });
  const run = await runCommand(seedCommand, [], { env: { DATA_DIR: empty.dataDir, DATABASE_URL: empty.url ?? "" } });
  expect(run.stdout).toMatch(/^prisma\/seed\/cases\.csv: (\d+) rows, \1 saved \(\1 new, 0 updated\), 0 refused$/m);
  expect(run.stdout).toMatch(/^prisma\/seed\/partners\.csv: (\d+) rows, \1 saved \(\1 new, 0 updated\), 0 refused$/m);
  await empty.drop();
}, 60_000);
