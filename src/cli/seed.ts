// npm run seed: loads the demo data in prisma/seed/ (documented in the README) into the database.
import { readFileSync } from "node:fs";
import type { Prisma } from "../db/database.ts";
import { formatReport, type ImportReport } from "../domain/csv.ts";
import { importCasesCsv } from "../domain/cases/import-csv.ts";
import { withDatabase } from "./cli-database.ts";

/** Each seed file and the importer that loads it; one line per kind of data. */
const SEEDS: [file: string, load: (prisma: Prisma, text: string) => Promise<ImportReport>][] = [
  ["prisma/seed/cases.csv", importCasesCsv],
];

const failed = await withDatabase(async (db) => {
  let problems = 0;
  for (const [file, load] of SEEDS) {
    const report = await load(db.prisma, readFileSync(file, "utf8"));
    console.log(formatReport(file, report));
    problems += report.problems.length;
  }
  return problems;
});
if (failed) process.exitCode = 1;
