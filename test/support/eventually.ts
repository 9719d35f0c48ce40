/**
 * `check` again every 25 ms until it no longer throws (its value is returned) or `timeoutMs` has passed
 * (its last error is thrown): for work the server does in the background.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
