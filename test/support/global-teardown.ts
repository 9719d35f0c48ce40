/** Jest's globalTeardown, in the same process as global-setup.ts: drops the run's template database. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { dropTestTemplate?: () => Promise<void> }).dropTestTemplate?.();
}
