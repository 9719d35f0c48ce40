import { existsSync } from "node:fs";
import { type Config, parseConfig } from "../config.ts";
import { type Database, databaseTarget, openDatabase } from "../db/database.ts";
import { deployMigrations } from "../db/migrations.ts";

/** The database `npm start` uses (.env, DATABASE_URL or ./data), migrated, for the length of `work`. */
export async function withDatabase<T>(work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = parseConfig(process.env);
  const target = await databaseTarget(config.DATABASE_URL, config.DATA_DIR);
  await deployMigrations(target.factory);
  const db = openDatabase(target);
  try {
    return await work(db, config);
  } finally {
    await db.close();
  }
}
