import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs to stdout; phone numbers and message texts never go into them (see redact paths). */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: ["*.body", "*.Body", "*.from", "*.From", "*.to", "*.To", "*.text"], censor: "[redacted]" } });
}
