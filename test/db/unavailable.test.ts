import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { isDatabaseUnavailable } from "../../src/db/unavailable.ts";
import { testDatabase } from "../support/database.ts";

// Real errors from the real stack (Prisma -> driver adapter -> driver), told apart: the database
// being away is not a message's failure; a query of the message's own that fails is.
async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to fail");
}

test("no PostgreSQL listening (down, or restarting): unavailable, for a query and for a transaction", async () => {
  const db = openDatabase(await databaseTarget("postgresql://postgres@127.0.0.1:1/haven", ""));
  try {
    expect(isDatabaseUnavailable(await errorOf(() => db.prisma.$queryRaw`SELECT 1`))).toBe(true);
    expect(
      isDatabaseUnavailable(await errorOf(() => db.prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`))),
    ).toBe(true);
  } finally {
    await db.close();
  }
});

test("a failing query, and what it leaves of the transaction: the work's failure, not the database's", async () => {
  // the run's migrated copy opens in a second; a fresh in-memory PGlite first runs initdb (~20 s under load)
  const database = await testDatabase();
  const db = openDatabase(await databaseTarget(database.url, database.dataDir));
  try {
    expect(isDatabaseUnavailable(await errorOf(() => db.prisma.$queryRaw`SELECT 1 / 0`))).toBe(false);
    const aborted = await errorOf(() =>
      db.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 / 0`.catch(() => undefined);
        await tx.$queryRaw`SELECT 1`;
      }),
    );
    expect(isDatabaseUnavailable(aborted)).toBe(false);
    expect(isDatabaseUnavailable(new Error("the partner directory is broken"))).toBe(false);
  } finally {
    await db.close();
    await database.drop();
  }
});
