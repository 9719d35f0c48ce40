import { migrateTemplate } from "./database.ts";

/** Jest's globalSetup: migrates the run's template database once (see testDatabase); global-teardown.ts drops it. */
export default async function globalSetup(): Promise<void> {
  Object.assign(globalThis, { dropTestTemplate: await migrateTemplate() });
}
