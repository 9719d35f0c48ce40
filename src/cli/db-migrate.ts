// npm run db:migrate:new -- <name>   creates a migration from the schema change
// npm run db:migrate                 applies pending migrations to DATABASE_URL (or the embedded PGlite)
import { databaseTarget } from "../db/database.ts";
import { deployMigrations, diffMigrations, writeMigration } from "../db/migrations.ts";

const [command, name] = process.argv.slice(2);
if (command === "new") {
  const shadow = await databaseTarget("memory://", "");
  try {
    const folder = writeMigration(await diffMigrations(shadow.factory), name ?? "migration");
    console.log(folder ? `Created ${folder}/migration.sql` : "No schema changes.");
  } finally {
    await shadow.close();
  }
} else if (command === "deploy") {
  const target = await databaseTarget(process.env.DATABASE_URL, process.env.DATA_DIR ?? "./data");
  try {
    const applied = await deployMigrations(target.factory);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  } finally {
    await target.close();
  }
} else {
  console.error("usage: db-migrate.ts new <name> | deploy");
  process.exitCode = 2;
}
