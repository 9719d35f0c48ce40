import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.ts";

export type Prisma = InstanceType<typeof PrismaClient>;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

/** PGlite's own start parameters (dist/index.js defaultStartParams, 0.4.3), which startParams replaces. */
const PGLITE_START_PARAMS = [
  "--single", "-F", "-O", "-j", "-c", "search_path=public", "-c", "exit_on_error=false", "-c", "log_checkpoints=false",
  "-c", "max_worker_processes=0", "-c", "max_parallel_workers=0", "-c", "max_parallel_workers_per_gather=0",
];

export interface DatabaseTarget {
  kind: "postgres" | "pglite";
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * postgresql://… -> PostgreSQL; memory:// -> a throwaway PGlite (tests);
 * otherwise an embedded PGlite in `<dataDir>/pglite` (one process per folder: PGlite does not lock it).
 */
export function databaseTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    // allowExitOnIdle: a CLI using the pool exits when done instead of lingering 10 s
    return { kind: "postgres", factory: new PrismaPg({ connectionString: url, allowExitOnIdle: true, max: 10 }), close: async () => {} };
  }
  const dir = url === "memory://" ? "memory://" : path.join(dataDir, "pglite");
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  // PostgreSQL's default 128 MB of shared buffers live in PGlite's WASM memory, i.e. in our process:
  // 32 MB hold a help line's hot rows and keep ~100 MB of resident memory for the rest
  const db = new PGlite(dir, { startParams: [...PGLITE_START_PARAMS, "-c", "shared_buffers=32MB"] });
  return { kind: "pglite", factory: new PrismaPGlite(db), close: () => db.close() };
}

export interface Database {
  kind: DatabaseTarget["kind"];
  prisma: Prisma;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): Database {
  const prisma = new PrismaClient({ adapter: target.factory });
  return {
    kind: target.kind,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await target.close();
    },
  };
}
