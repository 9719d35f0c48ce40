import { defineConfig } from "prisma/config";

// Offline machines: `prisma generate` first tries to download the native schema engine unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file. generate never runs it, so any file will do;
// a non-executable one makes an accidental native `prisma migrate` fail loudly. Migrations run
// through @prisma/schema-engine-wasm instead (src/db/migrations.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= new URL("./node_modules/prisma/package.json", import.meta.url).pathname;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
