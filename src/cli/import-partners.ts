// npm run import:partners -- partners.csv [more.csv]
// Checks every row (per-row errors: line, column, reason), keeps the good ones, upserts them by code.
import { withDatabase } from "./cli-database.ts";
import { importPartnerFiles } from "./partner-files.ts";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npm run import:partners -- file.csv");
  process.exitCode = 2;
} else {
  process.exitCode = await withDatabase((db, config) => importPartnerFiles(db, config, files));
}
