// Wires configuration -> database -> app -> workers, and stops them cleanly on a signal.
import { existsSync } from "node:fs";
import { ConfigError, parseConfig } from "./config.ts";
import { AreasFileError } from "./domain/areas/areas.ts";
import { FlowLoadError } from "./flows/load-flows.ts";
import { LocaleError } from "./i18n/texts.ts";
import { startServer } from "./server.ts";

if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const server = await startServer(parseConfig(process.env));
  const shutdown = async (signal: string) => {
    server.log.info({ signal }, "shutting down");
    await server.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  // a person-readable reason, not a stack trace, for the mistakes an operator makes
  if (
    error instanceof ConfigError ||
    error instanceof FlowLoadError ||
    error instanceof LocaleError ||
    error instanceof AreasFileError
  ) {
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
