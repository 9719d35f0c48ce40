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
    // npm test: 3 on this 2-core machine, as its tests often wait (servers, pollers, timers) and a third worker
    // fills those waits. Measured with the CLIs in-process: 2 workers 93 s, 3 79-81 s, 4 83 s (each worker loads
    // the modules again: ~135, ~144, ~157 s of CPU). test:pg and test:e2e, not measured at 3, stay at 2.
    maxWorkers: folders ? 2 : 3,
    // as npm start runs V8 (see start:production)
    execArgv: ["--liftoff-only"],
  },
});
