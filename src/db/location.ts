import path from "node:path";

/** Where the line's database is: a PostgreSQL server, or the folder of the embedded PGlite. */
export type DatabaseLocation = { kind: "postgres"; url: string } | { kind: "pglite"; folder: string };

/** The embedded database's folder under DATA_DIR. */
export const pgliteFolder = (dataDir: string) => path.join(dataDir, "pglite");

/** postgresql://… is PostgreSQL; anything else (unset included) the embedded PGlite in `<dataDir>/pglite`. */
export function databaseLocation(url: string | undefined, dataDir: string): DatabaseLocation {
  return url && /^postgres(ql)?:\/\//.test(url)
    ? { kind: "postgres", url }
    : { kind: "pglite", folder: pgliteFolder(dataDir) };
}
