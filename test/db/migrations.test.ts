import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { databaseTarget, type DatabaseTarget } from "../../src/db/database.ts";
import { deployMigrations, MIGRATIONS_DIR, migrationsUpToDate } from "../../src/db/migrations.ts";
import { testDatabase } from "../support/database.ts";

let target: DatabaseTarget;
let drop: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  // never migrated: this file tests the migrating itself
  const db = await testDatabase({ empty: true });
  drop = db.drop;
  target = await databaseTarget(db.url, db.dataDir);
  // a copy: the tests add and edit migrations
  dir = mkdtempSync(path.join(tmpdir(), "haven-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
});
afterAll(async () => {
  await target.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

test("start-up skips the schema engine only when every migration is recorded with its file's checksum", async () => {
  expect(await migrationsUpToDate(target.factory, dir)).toBe(false);
  const applied = await deployMigrations(target.factory, dir);
  expect(applied.length).toBeGreaterThan(0);
  expect(await migrationsUpToDate(target.factory, dir)).toBe(true);
  expect(await deployMigrations(target.factory, dir)).toEqual([]);

  // a new migration is pending: the engine applies it
  mkdirSync(path.join(dir, "99991231000000_more"));
  writeFileSync(
    path.join(dir, "99991231000000_more", "migration.sql"),
    'CREATE TABLE "Extra" ("id" INTEGER PRIMARY KEY);\n',
  );
  expect(await migrationsUpToDate(target.factory, dir)).toBe(false);
  expect(await deployMigrations(target.factory, dir)).toEqual(["99991231000000_more"]);
  expect(await migrationsUpToDate(target.factory, dir)).toBe(true);

  // a migration that failed half-way, even one whose folder is gone: the engine must refuse to start
  const adapter = await target.factory.connect();
  const sql = (text: string) => adapter.executeRaw({ sql: text, args: [], argTypes: [] });
  await sql(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
    VALUES ('failed-one', 'x', '20000101000000_gone', now(), 0)`);
  expect(await migrationsUpToDate(target.factory, dir)).toBe(false);
  await expect(deployMigrations(target.factory, dir)).rejects.toThrow(/20000101000000_gone/);
  await sql("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = 'failed-one'");
  await adapter.dispose();
  expect(await migrationsUpToDate(target.factory, dir)).toBe(true);

  // an applied migration edited afterwards: not taken as up to date, the engine gets to say so
  appendFileSync(path.join(dir, "99991231000000_more", "migration.sql"), "-- edited\n");
  expect(await migrationsUpToDate(target.factory, dir)).toBe(false);
}, 60_000);
