// Backups (issue 19 part 4): npm run backup / restore round trip, on the engine the run uses (PGlite here,
// PostgreSQL under test:pg, through Debian's pg_dump and pg_restore).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { backupCommand } from "../../src/cli/backup.ts";
import { pgliteFolder } from "../../src/db/location.ts";
import { createLogger } from "../../src/logger.ts";
import { startServer } from "../../src/server.ts";
import { runCommand } from "../support/cli.ts";
import { sql } from "../support/pg-sql.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";

let h: Harness;
const scratch = mkdtempSync(path.join(tmpdir(), "haven-backup-"));
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
  rmSync(scratch, { recursive: true, force: true });
});

// run in this process on the harness's own database, so only with its server stopped (PGlite: one opener per folder)
const cli = async (command: "backup" | "restore", file: string) => {
  const run = await runCommand(backupCommand, [command, file], {
    env: { DATA_DIR: h.config.DATA_DIR, ...(h.databaseUrl ? { DATABASE_URL: h.databaseUrl } : {}) },
  });
  expect(run.code).toBe(0);
  return run;
};

/** the server started again on the (restored) database, after a stop */
const startAgain = async () => {
  h.server = await startServer(h.config, createLogger(h.config.LOG_LEVEL));
};

/** Every table gone: a lost disk, or a database dropped by mistake. */
async function wipe(): Promise<void> {
  if (!h.databaseUrl) return rmSync(pgliteFolder(h.config.DATA_DIR), { recursive: true, force: true });
  await sql(h.databaseUrl, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
}

test("a backup taken with the server stopped, the database wiped, the backup restored: the line goes on", async () => {
  const person = await conversation(h, { lang: "en", channel: "sms" });
  expect(await person.send("zzz")).toEqual([expect.stringMatching(/^How can we help\?/)]);
  const messagesBefore = await h.server.db.prisma.message.count();
  await h.server.stop();

  const file = path.join(scratch, "haven.backup");
  expect((await cli("backup", file)).stdout).toMatch(/backup of the (pglite|postgres) database/);
  await wipe();
  const restored = await cli("restore", file);
  expect(restored.stdout).toMatch(/restored into the (pglite|postgres) database/);
  // PGlite: the wiped folder was gone, so nothing was set aside
  expect(readdirSync(h.config.DATA_DIR).filter((f) => f.includes("before-restore"))).toEqual([]);

  await startAgain();
  expect(await h.server.db.prisma.message.count()).toBe(messagesBefore);
  // the person is where they were: at the menu, in English, the welcome not asked again
  expect(await person.send("3")).toEqual([expect.stringMatching(/^What do you need help with\?/)]);
}, 120_000);

// PostgreSQL: pg_restore --clean replaces the objects in place, so there is no folder to keep
(process.env.TEST_DATABASE_URL ? test.skip : test)(
  "restoring over an embedded database that is there keeps the old folder beside it, renamed",
  async () => {
    await h.server.stop();
    const file = path.join(scratch, "again.backup");
    await cli("backup", file);
    const restored = await cli("restore", file);
    const kept = readdirSync(h.config.DATA_DIR).filter((f) => f.startsWith("pglite.before-restore-"));
    expect(kept).toHaveLength(1);
    expect(restored.stdout).toContain(path.join(h.config.DATA_DIR, kept[0]!));
    await startAgain();
  },
  120_000,
);
