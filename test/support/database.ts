import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * TEST_DATABASE_URL=postgresql://… runs the suite on PostgreSQL, each test file in a database of its
 * own (created here, dropped by `drop`), so suites can run side by side; unset means an in-memory PGlite.
 */
export async function testDatabase(
  admin = process.env.TEST_DATABASE_URL, prefix = "haven_test",
): Promise<{ url: string; kind: "postgres" | "pglite"; drop(): Promise<void> }> {
  if (!admin) return { url: "memory://", kind: "pglite", drop: async () => {} };
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), kind: "postgres", drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
