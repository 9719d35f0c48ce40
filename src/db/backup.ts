// Backups as one SQL dump, whichever database holds the line. The embedded PGlite is dumped by the PGlite
// team's pg_dump compiled to WebAssembly (@electric-sql/pglite-tools): a consistent snapshot in PostgreSQL's
// plain format (PostgreSQL 17's, for psql too: a way from PGlite to a server, untested). PostgreSQL is dumped by
// its own pg_dump (Debian's postgresql-client) in its custom format, read back by pg_restore.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import type { DatabaseLocation } from "./location.ts";

const run = promisify(execFile);

/** Writes the whole database to `file`. PGlite: the server must be stopped (one process per folder). */
export async function backup(target: DatabaseLocation, file: string): Promise<void> {
  if (target.kind === "postgres") {
    // custom format: compressed, and pg_restore can recreate every object over an existing schema
    await run("pg_dump", ["--format=custom", "--no-owner", "--file", file, "--dbname", target.url]);
    return;
  }
  if (!existsSync(target.folder)) throw new Error(`no embedded database at ${target.folder}`);
  const [{ PGlite }, { pgDump }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-tools/pg_dump"),
  ]);
  const db = new PGlite(target.folder);
  try {
    writeFileSync(file, await (await pgDump({ pg: db })).text());
  } finally {
    await db.close();
  }
}

/**
 * Reads a backup into the database. PostgreSQL: its objects are dropped and made again from the dump. PGlite:
 * the dump fills a new folder; an existing one is kept beside it, renamed, never deleted. Returns that name.
 */
export async function restore(target: DatabaseLocation, file: string): Promise<string | undefined> {
  if (target.kind === "postgres") {
    await run("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      "--dbname",
      target.url,
      file,
    ]);
    return undefined;
  }
  const sql = readFileSync(file, "utf8");
  let keptAside: string | undefined;
  if (existsSync(target.folder) && readdirSync(target.folder).length > 0) {
    keptAside = `${target.folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target.folder, keptAside);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(target.folder);
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
  return keptAside;
}
