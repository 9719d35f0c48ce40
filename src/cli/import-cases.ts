// npm run import:cases -- file.csv
// Loads case records (see README, "Check my case"); good rows are saved, bad rows are listed with their line.
import { readFileSync } from "node:fs";
import { formatReport } from "../domain/csv.ts";
import { importCasesCsv } from "../domain/cases/import-csv.ts";
import { withDatabase } from "./cli-database.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run import:cases -- file.csv");
  process.exit(2);
}
const report = await withDatabase((db) => importCasesCsv(db.prisma, readFileSync(file, "utf8")));
console.log(formatReport(file, report));
// the good rows are in; a non-zero exit tells a script that some were not
if (report.problems.length) process.exitCode = 1;
