import pg from "pg";

/** One SQL script (several statements allowed) on its own connection: how the benchmarks seed and ask. */
export async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
