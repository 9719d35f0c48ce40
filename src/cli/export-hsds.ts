// npm run export:hsds -- directory.json
// Writes the partner directory as Open Referral HSDS 3: a JSON list of fully nested services (see README,
// "Standard formats"). With the embedded database, stop the server first: PGlite serves one process per folder.
import { writeFileSync } from "node:fs";
import { exportHsds } from "../domain/partners/hsds-directory.ts";
import { withDatabase } from "./cli-database.ts";
import { directoryLabels } from "./directory-labels.ts";

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  console.error("usage: npm run export:hsds -- directory.json");
  process.exit(2);
}
const services = await withDatabase((db, config) => exportHsds(db.prisma, directoryLabels(config)));
writeFileSync(file, `${JSON.stringify(services, null, 2)}\n`);
console.log(`${file}: ${services.length} services`);
