import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { type TestDatabase, testDatabase } from "../support/database.ts";
import { sql } from "../support/pg-sql.ts";

// PostgreSQL ending an idle pooled connection (a restart, a test database dropped WITH FORCE) after the client
// disconnected, before the pool is closed, must not end the process: the pool's "error" has a listener of its own.
let database: TestDatabase;
beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  database = await testDatabase();
});
afterAll(async () => {
  await database?.drop();
});

test("an idle connection ended by the server after the client disconnected is no uncaught error", async () => {
  const target = await databaseTarget(database.url, database.dataDir);
  const db = openDatabase(target);
  await db.prisma.$queryRaw`SELECT 1`;
  await db.prisma.$disconnect();
  const pools = target.pool!();
  expect(pools.idle).toBeGreaterThan(0);
  const ended = await sql(
    database.url!,
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  expect(ended.rowCount).toBeGreaterThan(0);
  // the pool hears of it on its idle client: without a listener, the process would get an uncaught "error"
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(target.pool!().idle).toBe(0);
  await target.close();
});
