import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { type Config, parseConfig } from "../config.ts";
import { type Database, databaseTarget, openDatabase } from "../db/database.ts";
import { deployMigrations } from "../db/migrations.ts";

/** The configuration `npm start` reads: `env` over .env, when the file is there (as process.loadEnvFile does). */
export const cliConfig = (env: Record<string, string | undefined>): Config =>
  parseConfig(existsSync(".env") ? { ...parseEnv(readFileSync(".env", "utf8")), ...env } : env);

/** The database `npm start` uses (.env, DATABASE_URL or ./data), migrated, for the length of `work`. */
export async function withDatabase<T>(
  env: Record<string, string | undefined>,
  work: (db: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = cliConfig(env);
  const target = await databaseTarget(config.DATABASE_URL, config.DATA_DIR);
  await deployMigrations(target.factory);
  const db = openDatabase(target);
  try {
    return await work(db, config);
  } finally {
    await db.close();
  }
}
