import { migrateTemplate } from "./database.ts";

/** Vitest's globalSetup: migrates the run's template database once (see testDatabase); returns its teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  return migrateTemplate();
}
