import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CACHE_DIR = path.join(ROOT, "node_modules/.cache/haven-test-template");
/** What the PGlite templates depend on besides the migrations: the code making them and applying them, the engines. */
const INPUTS = ["src/db/migrations.ts", "src/db/schema-engine.ts", "src/db/database.ts", "test/support/database.ts"];
const PACKAGES = ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm"];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();

/** A hash of everything the migrated template is made from: a change to any of them migrates again. */
function templateKey(): string {
  const hash = createHash("sha256");
  for (const file of [...filesUnder(path.join(ROOT, "prisma/migrations")), ...INPUTS]) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(ROOT, file)))
      .update("\0");
  }
  for (const name of PACKAGES) {
    hash.update(
      `${name}@${JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version}\0`,
    );
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The PGlite templates' folder, kept in node_modules/.cache between runs: migrating took ~6 s of CPU before any
 * test file could start. `make` fills a new one (a folder it is given, not there yet) when the key changed; older
 * ones are removed. Two runs making the same templates at once both succeed: the first one's stays.
 */
export async function cachedTemplate(make: (into: string) => Promise<void>): Promise<string> {
  const key = templateKey();
  const kept = path.join(CACHE_DIR, key);
  if (existsSync(kept)) return kept;
  mkdirSync(CACHE_DIR, { recursive: true });
  const building = mkdtempSync(path.join(CACHE_DIR, "building-"));
  try {
    await make(path.join(building, "templates"));
    // a rename is atomic: a test file never copies a template half made
    renameSync(path.join(building, "templates"), kept);
  } catch (error) {
    if (!existsSync(kept)) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  for (const old of readdirSync(CACHE_DIR)) {
    if (old !== key && !old.startsWith("building-"))
      rmSync(path.join(CACHE_DIR, old), { recursive: true, force: true });
  }
  return kept;
}

/** A folder for this run's databases, in memory where the machine has /dev/shm, and its removal. */
export function runScratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "haven-run-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
