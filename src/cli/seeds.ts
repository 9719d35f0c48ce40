import { readFileSync } from "node:fs";
import type { Prisma } from "../db/database.ts";
import type { ImportReport } from "../domain/csv.ts";
import { importCasesCsv } from "../domain/cases/import-csv.ts";

/** Each demo data file in prisma/seed/ and the importer that loads it; one line per kind of data. */
const SEEDS: [file: string, load: (prisma: Prisma, text: string) => Promise<ImportReport>][] = [
  ["prisma/seed/cases.csv", importCasesCsv],
];

/** Load every seed file (`npm run seed`, and the chat simulator's throwaway database). */
export async function loadSeeds(prisma: Prisma): Promise<{ file: string; report: ImportReport }[]> {
  const done: { file: string; report: ImportReport }[] = [];
  for (const [file, load] of SEEDS) done.push({ file, report: await load(prisma, readFileSync(file, "utf8")) });
  return done;
}
