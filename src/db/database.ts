import { mkdirSync } from "node:fs";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.ts";
import { databaseLocation } from "./location.ts";

export type Prisma = InstanceType<typeof PrismaClient>;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

/** PGlite's own start parameters (dist/index.js defaultStartParams, 0.4.3), which startParams replaces. */
const PGLITE_START_PARAMS = [
  "--single",
  "-F",
  "-O",
  "-j",
  "-c",
  "search_path=public",
  "-c",
  "exit_on_error=false",
  "-c",
  "log_checkpoints=false",
  "-c",
  "max_worker_processes=0",
  "-c",
  "max_parallel_workers=0",
  "-c",
  "max_parallel_workers_per_gather=0",
];

export interface DatabaseTarget {
  kind: "postgres" | "pglite";
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
  /** the PostgreSQL pool's connections, for /metrics (PGlite has one connection and no pool) */
  pool?(): { total: number; idle: number; waiting: number };
}

/**
 * postgresql://… -> PostgreSQL; memory:// -> a throwaway PGlite (tests);
 * otherwise an embedded PGlite in `<dataDir>/pglite` (one process per folder: PGlite does not lock it).
 * Only the driver in use is loaded: the other one's code would sit in memory for nothing (~3 MB of heap for pg).
 */
export async function databaseTarget(url: string | undefined, dataDir: string): Promise<DatabaseTarget> {
  const location = databaseLocation(url, dataDir);
  if (location.kind === "postgres") {
    const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    // allowExitOnIdle: a CLI using the pool exits when done instead of lingering 10 s; the pool is ours (not
    // the adapter's) so /metrics can read its use
    const pool = new pg.Pool({ connectionString: location.url, allowExitOnIdle: true, max: 10 });
    // PostgreSQL ending an idle connection (a restart, a dropped test database) is told on the pool; the
    // adapter listens only while connected, and an unheard "error" would end the process. The pool has
    // already dropped that connection and opens another when asked.
    pool.on("error", () => {});
    return {
      kind: "postgres",
      factory: new PrismaPg(pool),
      close: async () => {
        if (!pool.ended) await pool.end();
      },
      pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const dir = url === "memory://" ? "memory://" : location.folder;
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  // PostgreSQL's shared memory lives in PGlite's WASM memory, i.e. in our process. 8 MB of shared
  // buffers (1,024 pages) hold a help line's hot rows; the rest is read through the OS's file cache.
  // One backend serves PGlite, so the per-connection tables are sized for a few, not 100 (more than the
  // 3 reserved for superusers). Measured: 32 -> 8 MB of buffers took ~25 MB off the bench's peak RSS
  // with turns/s unchanged; 100 -> 4 connections took ~8 MB off the idle process.
  const db = new PGlite(dir, {
    startParams: [...PGLITE_START_PARAMS, "-c", "shared_buffers=8MB", "-c", "max_connections=4"],
  });
  // started here, not by the first query: a folder PGlite cannot open fails at opening, and no start-up work is left
  // running unawaited after its caller has moved on (a test runner closing the file)
  await db.waitReady;
  return { kind: "pglite", factory: new PrismaPGlite(db), close: () => db.close() };
}

export interface Database {
  kind: DatabaseTarget["kind"];
  prisma: Prisma;
  pool: DatabaseTarget["pool"];
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): Database {
  const prisma = new PrismaClient({ adapter: target.factory });
  return {
    kind: target.kind,
    prisma,
    pool: target.pool,
    close: async () => {
      await prisma.$disconnect();
      await target.close();
    },
  };
}
