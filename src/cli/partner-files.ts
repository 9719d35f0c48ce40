import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { areasFile, readAreas } from "../domain/partners/areas.ts";
import { formatImportReport, importPartnersFile } from "../domain/partners/service.ts";

/**
 * Imports partner CSV files and prints each report. Returns the exit code: 1 when a file or a row was
 * refused, so scripts notice. With the embedded database, stop the server first: PGlite serves one
 * process per folder.
 */
export async function importPartnerFiles(db: Database, config: Config, files: string[]): Promise<number> {
  const areas = readAreas(areasFile(config.FLOWS_DIR));
  let code = 0;
  for (const file of files) {
    const report = await importPartnersFile(db.prisma, file, areas);
    console.log(formatImportReport(file, report));
    if (!report.ok || report.errors.length > 0) code = 1;
  }
  return code;
}
