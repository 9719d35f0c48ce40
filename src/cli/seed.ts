// npm run seed: loads the demo data in prisma/seed/ (documented in the README) into the database.
import { areasFile, readAreas } from "../domain/areas/areas.ts";
import { formatReport } from "../domain/csv.ts";
import { withDatabase } from "./cli-database.ts";
import { loadSeeds } from "./seeds.ts";

process.exitCode = await withDatabase(async (db, config) => {
  const reports = await loadSeeds(db.prisma, readAreas(areasFile(config.FLOWS_DIR)));
  for (const { file, report } of reports) console.log(formatReport(file, report));
  return reports.some((r) => r.report.problems.length > 0) ? 1 : 0;
});
