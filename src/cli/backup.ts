// npm run backup -- haven.sql        npm run restore -- haven.sql
// A backup of the database `npm start` uses (.env, DATABASE_URL or ./data), or that backup read back (README,
// "Backups"). With the embedded database, stop the server first: PGlite serves one process per folder.
import { existsSync } from "node:fs";
import { backup, restore } from "../db/backup.ts";
import { databaseLocation } from "../db/location.ts";
import { cliConfig } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export async function backupCommand([command, file, ...rest]: string[], io: CliIo): Promise<number> {
  if ((command !== "backup" && command !== "restore") || !file || rest.length > 0) {
    io.err("usage: npm run backup -- FILE | npm run restore -- FILE");
    return 2;
  }
  const config = cliConfig(io.env);
  const target = databaseLocation(config.DATABASE_URL, config.DATA_DIR);
  const started = Date.now();
  if (command === "backup") {
    await backup(target, file);
    io.out(`${file}: backup of the ${target.kind} database in ${Date.now() - started} ms`);
    return 0;
  }
  if (!existsSync(file)) {
    io.err(`${file}: no such file`);
    return 2;
  }
  const keptAside = await restore(target, file);
  io.out(`${file}: restored into the ${target.kind} database in ${Date.now() - started} ms`);
  if (keptAside) io.out(`the database it replaced is kept at ${keptAside}`);
  return 0;
}

await runIfScript(import.meta.url, backupCommand);
