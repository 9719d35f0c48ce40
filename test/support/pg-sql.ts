import pg from "pg";

/**
 * One SQL script (several statements allowed, or one with $1… and `values`) on a connection of its own, closed
 * after: how tests and benchmarks reach PostgreSQL around the server.
 */
export async function sql(url: string, text: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
