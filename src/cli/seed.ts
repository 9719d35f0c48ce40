// npm run seed: loads the demo data in prisma/seed/ (documented in the README) into the database.
import { formatReport } from "../domain/csv.ts";
import { withDatabase } from "./cli-database.ts";
import { importPartnerFiles } from "./partner-files.ts";
import { loadSeeds } from "./seeds.ts";

const reports = await withDatabase((db) => loadSeeds(db.prisma));
for (const { file, report } of reports) console.log(formatReport(file, report));
const partners = await importPartnerFiles(["prisma/seed/partners.csv"]);
if (partners !== 0 || reports.some((r) => r.report.problems.length > 0)) process.exitCode = 1;
