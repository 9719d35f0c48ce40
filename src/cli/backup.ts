// npm run backup -- haven.sql        npm run restore -- haven.sql
// A backup of the database `npm start` uses (.env, DATABASE_URL or ./data), or that backup read back (README,
// "Backups"). With the embedded database, stop the server first: PGlite serves one process per folder.
import { existsSync } from "node:fs";
import { parseConfig } from "../config.ts";
import { backup, restore } from "../db/backup.ts";
import { databaseLocation } from "../db/location.ts";

const [command, file, ...rest] = process.argv.slice(2);
if ((command !== "backup" && command !== "restore") || !file || rest.length > 0) {
  console.error("usage: npm run backup -- FILE | npm run restore -- FILE");
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");
const config = parseConfig(process.env);
const target = databaseLocation(config.DATABASE_URL, config.DATA_DIR);
const started = Date.now();
if (command === "backup") {
  await backup(target, file);
  console.log(`${file}: backup of the ${target.kind} database in ${Date.now() - started} ms`);
} else {
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    process.exit(2);
  }
  const keptAside = await restore(target, file);
  console.log(`${file}: restored into the ${target.kind} database in ${Date.now() - started} ms`);
  if (keptAside) console.log(`the database it replaced is kept at ${keptAside}`);
}
