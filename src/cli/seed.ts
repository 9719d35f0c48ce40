// npm run seed: loads the demo data in prisma/seed/ (documented in the README) into the database.
import { formatReport } from "../domain/csv.ts";
import { withDatabase } from "./cli-database.ts";
import { loadSeeds } from "./seeds.ts";

const reports = await withDatabase((db) => loadSeeds(db.prisma));
for (const { file, report } of reports) console.log(formatReport(file, report));
if (reports.some((r) => r.report.problems.length > 0)) process.exitCode = 1;
