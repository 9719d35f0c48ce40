// npm run import:cases -- file.csv
// Loads case records (see README, "Check my case"); good rows are saved, bad rows are listed with their line.
import { readFileSync } from "node:fs";
import { formatReport } from "../domain/csv.ts";
import { importCasesCsv } from "../domain/cases/import-csv.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export async function importCasesCommand([file]: string[], io: CliIo): Promise<number> {
  if (!file) {
    io.err("usage: npm run import:cases -- file.csv");
    return 2;
  }
  const report = await withDatabase(io.env, (db) => importCasesCsv(db.prisma, readFileSync(file, "utf8")));
  io.out(formatReport(file, report));
  // the good rows are in; a non-zero exit tells a script that some were not
  return report.problems.length ? 1 : 0;
}

await runIfScript(import.meta.url, importCasesCommand);
