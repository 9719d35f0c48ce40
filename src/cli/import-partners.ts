// npm run import:partners -- partners.csv [more.csv]
// Loads partner organisations (see README, "Find help"): good rows are upserted by code, bad rows are
// listed with their line. With the embedded database, stop the server first: PGlite serves one process per folder.
import { readFileSync } from "node:fs";
import { formatReport } from "../domain/csv.ts";
import { areasFile, readAreas } from "../domain/areas/areas.ts";
import { importPartnersCsv } from "../domain/partners/import-csv.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export async function importPartnersCommand(files: string[], io: CliIo): Promise<number> {
  if (files.length === 0) {
    io.err("usage: npm run import:partners -- file.csv [more.csv]");
    return 2;
  }
  const refused = await withDatabase(io.env, async (db, config) => {
    const areas = readAreas(areasFile(config.FLOWS_DIR));
    let any = false;
    for (const file of files) {
      const report = await importPartnersCsv(db.prisma, readFileSync(file, "utf8"), areas);
      io.out(formatReport(file, report));
      any ||= report.problems.length > 0;
    }
    return any;
  });
  // the good rows are in; a non-zero exit tells a script that some were not
  return refused ? 1 : 0;
}

await runIfScript(import.meta.url, importPartnersCommand);
