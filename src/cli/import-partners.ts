// npm run import:partners -- partners.csv [more.csv]
// Loads partner organisations (see README, "Find help"): good rows are upserted by code, bad rows are
// listed with their line. With the embedded database, stop the server first: PGlite serves one process per folder.
import { readFileSync } from "node:fs";
import { formatReport } from "../domain/csv.ts";
import { areasFile, readAreas } from "../domain/areas/areas.ts";
import { importPartnersCsv } from "../domain/partners/import-csv.ts";
import { withDatabase } from "./cli-database.ts";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npm run import:partners -- file.csv [more.csv]");
  process.exit(2);
}
const refused = await withDatabase(async (db, config) => {
  const areas = readAreas(areasFile(config.FLOWS_DIR));
  let any = false;
  for (const file of files) {
    const report = await importPartnersCsv(db.prisma, readFileSync(file, "utf8"), areas);
    console.log(formatReport(file, report));
    any ||= report.problems.length > 0;
  }
  return any;
});
// the good rows are in; a non-zero exit tells a script that some were not
if (refused) process.exitCode = 1;
