// npm run db:migrate:new -- <name>   creates a migration from the schema change
// npm run db:migrate                 applies pending migrations to the database npm start uses (.env, DATABASE_URL
//                                    or the embedded PGlite in DATA_DIR)
import { databaseTarget } from "../db/database.ts";
import { deployMigrations, diffMigrations, writeMigration } from "../db/migrations.ts";
import { cliConfig } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export async function dbMigrateCommand([command, name]: string[], io: CliIo): Promise<number> {
  if (command === "new") {
    const shadow = await databaseTarget("memory://", "");
    try {
      const folder = writeMigration(await diffMigrations(shadow.factory), name ?? "migration");
      io.out(folder ? `Created ${folder}/migration.sql` : "No schema changes.");
    } finally {
      await shadow.close();
    }
    return 0;
  }
  if (command === "deploy") {
    const config = cliConfig(io.env);
    const target = await databaseTarget(config.DATABASE_URL, config.DATA_DIR);
    try {
      const applied = await deployMigrations(target.factory);
      io.out(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
    } finally {
      await target.close();
    }
    return 0;
  }
  io.err("usage: db-migrate.ts new <name> | deploy");
  return 2;
}

await runIfScript(import.meta.url, dbMigrateCommand);
