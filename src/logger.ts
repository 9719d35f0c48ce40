import { type DestinationStream, pino, type Logger } from "pino";

export type { Logger };

/**
 * JSON logs to stdout (tests read them from `destination`); phone
 * numbers and message texts never go into them (see redact paths).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ["*.body", "*.Body", "*.from", "*.From", "*.to", "*.To", "*.text"], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
