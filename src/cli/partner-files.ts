import { existsSync } from "node:fs";
import { parseConfig } from "../config.ts";
import { databaseTarget, openDatabase } from "../db/database.ts";
import { deployMigrations } from "../db/migrations.ts";
import { areasFile, readAreas } from "../domain/partners/areas.ts";
import { formatImportReport, importPartnersFile } from "../domain/partners/service.ts";

/**
 * Imports partner CSV files into the configured database (migrated first) and prints each report.
 * Returns the exit code: 1 when a file or a row was refused, so scripts notice.
 * With the embedded database, stop the server first: PGlite serves one process per folder.
 */
export async function importPartnerFiles(files: string[]): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
  const areas = readAreas(areasFile(config.FLOWS_DIR));
  const target = databaseTarget(config.DATABASE_URL, config.DATA_DIR);
  await deployMigrations(target.factory);
  const db = openDatabase(target);
  let code = 0;
  try {
    for (const file of files) {
      const report = await importPartnersFile(db.prisma, file, areas);
      console.log(formatImportReport(file, report));
      if (!report.ok || report.errors.length > 0) code = 1;
    }
  } finally {
    await db.close();
  }
  return code;
}
