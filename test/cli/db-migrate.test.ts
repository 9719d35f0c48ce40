import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dbMigrateCommand } from "../../src/cli/db-migrate.ts";
import { runCommand } from "../support/cli.ts";

// `npm run db:migrate` migrates the database `npm start` would use: the one .env names, as start reads it
test("db:migrate deploy reads .env as npm start does: its DATA_DIR is the database migrated", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "haven-migrate-"));
  const repo = process.cwd();
  try {
    writeFileSync(path.join(folder, ".env"), `DATA_DIR=${path.join(folder, "from-env")}\n`);
    process.chdir(folder);
    // the environment names no database: only .env does
    const run = await runCommand(dbMigrateCommand, ["deploy"], { inheritEnv: false });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Applied: /);
    expect(existsSync(path.join(folder, "from-env"))).toBe(true);
    expect(existsSync(path.join(folder, "data"))).toBe(false);
  } finally {
    process.chdir(repo);
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);
