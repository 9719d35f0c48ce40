import { readFileSync } from "node:fs";
import type { Prisma } from "../db/database.ts";
import { importCasesCsv } from "../domain/cases/import-csv.ts";
import type { ImportReport } from "../domain/csv.ts";
import type { Areas } from "../domain/areas/areas.ts";
import { importPartnersCsv } from "../domain/partners/import-csv.ts";

/**
 * Each demo data file in prisma/seed/ and the importer that loads it; one line per kind of data.
 * An importer takes what it needs of the deployment (partners: its areas).
 */
const SEEDS: [file: string, load: (prisma: Prisma, text: string, areas: Areas) => Promise<ImportReport>][] = [
  ["prisma/seed/cases.csv", importCasesCsv],
  ["prisma/seed/partners.csv", importPartnersCsv],
];

/**
 * Load every seed file (`npm run seed`, and the chat simulator's
 * throwaway database, with the areas the bot already read).
 */
export async function loadSeeds(prisma: Prisma, areas: Areas): Promise<{ file: string; report: ImportReport }[]> {
  const done: { file: string; report: ImportReport }[] = [];
  for (const [file, load] of SEEDS) done.push({ file, report: await load(prisma, readFileSync(file, "utf8"), areas) });
  return done;
}
