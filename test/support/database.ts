import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pgliteFolder } from "../../src/db/location.ts";
import { type Database, databaseTarget, openDatabase } from "../../src/db/database.ts";
import { deployMigrations } from "../../src/db/migrations.ts";
import { sql } from "./pg-sql.ts";
import { cachedTemplate, runScratch } from "./template-cache.ts";

/**
 * Where vitest's global setup leaves the migrated template for the
 * test files: a PGlite data folder or a PostgreSQL database's name.
 */
const TEMPLATE_ENV = "HAVEN_TEST_TEMPLATE";
/** Where it leaves a PGlite data folder made (initdb) but never migrated, for `empty` databases. */
const EMPTY_TEMPLATE_ENV = "HAVEN_TEST_EMPTY_TEMPLATE";
/** The run's scratch folder (in memory where the machine has /dev/shm), where each file's database folder goes. */
const SCRATCH_ENV = "HAVEN_TEST_SCRATCH";

export interface TestDatabase {
  kind: "postgres" | "pglite";
  /** DATABASE_URL: postgresql://… on PostgreSQL; undefined on PGlite, which keeps its files in `<dataDir>/pglite` */
  url: string | undefined;
  /** DATA_DIR: a temporary folder of this database's own (where PGlite lives; a restart finds it there) */
  dataDir: string;
  /** removes the database and its folder */
  drop(): Promise<void>;
}

const databaseUrl = (admin: string, name: string) => {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * TEST_DATABASE_URL=postgresql://… runs the suite on PostgreSQL, each test file in a database of its own (created
 * here, dropped by `drop`), so suites can run side by side; unset means a PGlite in a temporary folder.
 * The database is already migrated, copied from the template vitest's global setup migrated once for the run
 * (`CREATE DATABASE … TEMPLATE`, or a copy of the PGlite folder): the server still checks on start that every
 * migration is recorded with its file's checksum. `empty` (or no template: outside vitest) gives a database that
 * has never been migrated; on PGlite under vitest, a copy of a folder PGlite made and never migrated (making one,
 * PostgreSQL's initdb, took ~3 s of CPU).
 */
export async function testDatabase({
  admin = process.env.TEST_DATABASE_URL,
  prefix = "haven_test",
  empty = false,
}: {
  admin?: string;
  prefix?: string;
  empty?: boolean;
} = {}): Promise<TestDatabase> {
  const template = empty ? undefined : process.env[TEMPLATE_ENV];
  const dataDir = mkdtempSync(path.join(process.env[SCRATCH_ENV] ?? tmpdir(), "haven-test-"));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (!admin) {
    const folder = empty ? process.env[EMPTY_TEMPLATE_ENV] : template;
    if (folder) cpSync(folder, pgliteFolder(dataDir), { recursive: true });
    return { kind: "pglite", url: undefined, dataDir, drop: async () => removeDir() };
  }
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await sql(admin, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  return {
    kind: "postgres",
    url: databaseUrl(admin, name),
    dataDir,
    drop: async () => {
      removeDir();
      await sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Vitest's global setup: the real migrations, run on the engine the run uses, into the template every test file's
 * database is copied from (a file's server starts in ~1.4 s instead of ~11 s). A PGlite template is kept between
 * runs while the migrations, the code applying them and PGlite stay the same (see template-cache.ts), and each
 * file's copy goes to a scratch folder in memory: copying and removing 39 MB of ~1,100 files on disk took ~3 s
 * of each file's time under load, ~0.3 s in memory. Returns the teardown, which removes the scratch folder.
 */
export async function migrateTemplate(admin = process.env.TEST_DATABASE_URL): Promise<() => Promise<void>> {
  const scratch = runScratch();
  process.env[SCRATCH_ENV] = scratch.dir;
  const dropScratch = async () => {
    delete process.env[SCRATCH_ENV];
    scratch.remove();
  };
  if (!admin) {
    const templates = await cachedTemplate(pgliteTemplates);
    process.env[TEMPLATE_ENV] = path.join(templates, "migrated");
    process.env[EMPTY_TEMPLATE_ENV] = path.join(templates, "empty");
    return async () => {
      delete process.env[TEMPLATE_ENV];
      delete process.env[EMPTY_TEMPLATE_ENV];
      await dropScratch();
    };
  }
  const database = await migrated(admin);
  const name = new URL(database.url!).pathname.slice(1);
  // PostgreSQL copies a template only while nobody is connected to it: the schema engine's pool would idle 10 s
  await sql(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
  process.env[TEMPLATE_ENV] = name;
  return async () => {
    delete process.env[TEMPLATE_ENV];
    await database.drop();
    await dropScratch();
  };
}

/** A database never migrated, migrated now; dropped again if a migration fails. `beforeMigrating` sees it first. */
async function migrated(
  admin: string | undefined,
  beforeMigrating?: (database: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  const database = await testDatabase({ admin, prefix: "haven_template", empty: true });
  try {
    await beforeMigrating?.(database);
    const target = await databaseTarget(database.url, database.dataDir);
    try {
      await deployMigrations(target.factory);
    } finally {
      await target.close();
    }
  } catch (e) {
    await database.drop();
    throw e;
  }
  return database;
}

/**
 * PGlite data folders copied into `into` (on the same file system as the scratch folder or not): `empty` as PGlite
 * made it, never migrated, and `migrated`.
 */
async function pgliteTemplates(into: string): Promise<void> {
  const database = await migrated(undefined, async (made) => {
    // PGlite makes its folder (initdb) when it first opens it
    await (await databaseTarget(undefined, made.dataDir)).close();
    cpSync(pgliteFolder(made.dataDir), path.join(into, "empty"), { recursive: true });
  });
  try {
    cpSync(pgliteFolder(database.dataDir), path.join(into, "migrated"), { recursive: true });
  } finally {
    await database.drop();
  }
}

/** This test file's own migrated database, opened before its tests, closed and dropped after them: `file.db`. */
export function databaseForFile(): { readonly db: Database } {
  let database: TestDatabase | undefined;
  const file = { db: undefined as unknown as Database };
  beforeAll(async () => {
    database = await testDatabase();
    file.db = openDatabase(await databaseTarget(database.url, database.dataDir));
  });
  afterAll(async () => {
    await file.db?.close();
    await database?.drop();
  });
  return file;
}
