import { readFileSync } from "node:fs";
import type { Prisma } from "../../src/db/database.ts";
import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { importCasesCsv } from "../../src/domain/cases/import-csv.ts";
import { importPartnersCsv } from "../../src/domain/partners/import-csv.ts";

/** The seed's cases (DEMO-1001...) and one partner, Alpha Legal Athens (code "alpha"), whose staff speak `language`. */
export async function seedCasesAndPartner(prisma: Prisma, language = "en"): Promise<void> {
  expect((await importCasesCsv(prisma, readFileSync("prisma/seed/cases.csv", "utf8"))).problems).toEqual([]);
  const partners = `code,name,services,areas,languages,phone,hours\nalpha,Alpha Legal Athens,legal,athens,${language},+302100000101,Mon-Fri 9-17\n`;
  expect((await importPartnersCsv(prisma, partners, readAreas(areasFile("flows")))).problems).toEqual([]);
}
