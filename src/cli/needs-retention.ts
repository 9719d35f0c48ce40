// npm run needs:retention: erases the free text of needs older than NEEDS_TEXT_RETENTION_DAYS now
// (the server also does it every hour). With the embedded database, stop the server first.
import { existsSync } from "node:fs";
import { parseConfig } from "../config.ts";
import { databaseTarget, openDatabase } from "../db/database.ts";
import { deployMigrations } from "../db/migrations.ts";
import { applyNeedRetention } from "../domain/needs/retention.ts";

if (existsSync(".env")) process.loadEnvFile(".env");
const config = parseConfig(process.env);
if (!config.NEEDS_TEXT_RETENTION_DAYS) {
  console.error("NEEDS_TEXT_RETENTION_DAYS is not set: needs' text is kept.");
  process.exit(2);
}
const target = databaseTarget(config.DATABASE_URL, config.DATA_DIR);
await deployMigrations(target.factory);
const db = openDatabase(target);
try {
  const r = await applyNeedRetention(db.prisma, config.NEEDS_TEXT_RETENTION_DAYS);
  console.log(`Needs reported before ${r.before.toISOString()}: the text of ${r.needs} erased, ${r.attachments} attachments removed.`);
} finally {
  await db.close();
}
