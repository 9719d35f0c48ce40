// npm run export:hsds -- directory.json
// Writes the partner directory as Open Referral HSDS 3: a JSON list of fully nested services (see README,
// "Standard formats"). With the embedded database, stop the server first: PGlite serves one process per folder.
import { writeFileSync } from "node:fs";
import { exportHsds } from "../domain/partners/hsds-directory.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";
import { directoryLabels } from "./directory-labels.ts";

export async function exportHsdsCommand([file, ...rest]: string[], io: CliIo): Promise<number> {
  if (!file || rest.length > 0) {
    io.err("usage: npm run export:hsds -- directory.json");
    return 2;
  }
  const services = await withDatabase(io.env, (db, config) => exportHsds(db.prisma, directoryLabels(config)));
  writeFileSync(file, `${JSON.stringify(services, null, 2)}\n`);
  io.out(`${file}: ${services.length} services`);
  return 0;
}

await runIfScript(import.meta.url, exportHsdsCommand);
