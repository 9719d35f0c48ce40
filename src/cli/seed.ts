// npm run seed: loads the demo data in prisma/seed/ (documented in the README) into the database.
import { areasFile, readAreas } from "../domain/areas/areas.ts";
import { formatReport } from "../domain/csv.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";
import { loadSeeds } from "./seeds.ts";

export const seedCommand = (_args: string[], io: CliIo): Promise<number> =>
  withDatabase(io.env, async (db, config) => {
    const reports = await loadSeeds(db.prisma, readAreas(areasFile(config.FLOWS_DIR)));
    for (const { file, report } of reports) io.out(formatReport(file, report));
    return reports.some((r) => r.report.problems.length > 0) ? 1 : 0;
  });

await runIfScript(import.meta.url, seedCommand);
