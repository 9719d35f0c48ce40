// npm run import:hsds -- directory.json [more.json]
// Loads partners from Open Referral HSDS 3 files (a JSON list of fully nested services): good records are
// upserted by partner code; refused records and fields the directory cannot keep are listed by record.
// With the embedded database, stop the server first: PGlite serves one process per folder.
import { readFileSync } from "node:fs";
import { areasFile, readAreas } from "../domain/areas/areas.ts";
import { formatHsdsReport, importHsds } from "../domain/partners/hsds-import.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";
import { directoryLabels } from "./directory-labels.ts";

export async function importHsdsCommand(files: string[], io: CliIo): Promise<number> {
  if (files.length === 0) {
    io.err("usage: npm run import:hsds -- directory.json [more.json]");
    return 2;
  }
  const refused = await withDatabase(io.env, async (db, config) => {
    const areaIds = Object.keys(readAreas(areasFile(config.FLOWS_DIR)));
    const labels = directoryLabels(config);
    let any = false;
    for (const file of files) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        io.out(`${file}: not readable as JSON (${error instanceof Error ? error.message : String(error)})`);
        any = true;
        continue;
      }
      const report = await importHsds(db.prisma, json, areaIds, labels);
      io.out(formatHsdsReport(file, report));
      any ||= report.refused.length > 0;
    }
    return any;
  });
  // the good records are in; a non-zero exit tells a script that some were not
  return refused ? 1 : 0;
}

await runIfScript(import.meta.url, importHsdsCommand);
