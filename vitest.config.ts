import { defineConfig } from "vitest/config";

/**
 * npm test runs every test/**\/*.test.ts but the PostgreSQL-only and Chromium suites; test:pg and test:e2e name the
 * folders they run in HAVEN_TEST_FOLDERS (comma-separated), as jest's --testPathPatterns did.
 */
const folders = process.env.HAVEN_TEST_FOLDERS?.split(",");

export default defineConfig({
  test: {
    globals: true,
    include: folders ? folders.map((folder) => `${folder.replace(/\/$/, "")}/**/*.test.ts`) : ["test/**/*.test.ts"],
    exclude: folders ? ["**/node_modules/**"] : ["**/node_modules/**", "test/postgres/**", "test/e2e/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Files of one worker share loaded modules: loading the graph again for each file was ~1.5 s of CPU per file
    pool: "forks",
    isolate: false,
    maxWorkers: 2,
    // as npm start runs V8 (see start:production)
    execArgv: ["--liftoff-only"],
  },
});
