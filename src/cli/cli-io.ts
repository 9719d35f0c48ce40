import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * What a command of src/cli reads and writes besides its files and database: the process's own under `npm run`,
 * a test's when a test calls the command in its own process (no Node and tsx to start, modules already loaded).
 */
export interface CliIo {
  /** DATABASE_URL, DATA_DIR and the rest, before .env */
  env: Record<string, string | undefined>;
  /** one line of standard output */
  out(line: string): void;
  /** one line of standard error */
  err(line: string): void;
  /** all of standard input, read when a command asks for it (staff:add --password-stdin) */
  stdin(): Promise<string>;
  /** the terminal to ask on, when standard input is one (staff:add's password prompt) */
  terminal?: { input: NodeJS.ReadStream; output: NodeJS.WriteStream };
}

/** A command: its arguments (after the script's name) and I/O in, its exit code out; it never exits the process. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** The process's own I/O; standard input is opened only when a command asks for it */
const processIo = (): CliIo => ({
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  async stdin() {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
  get terminal() {
    return process.stdin.isTTY ? { input: process.stdin, output: process.stdout } : undefined;
  },
});

/**
 * Runs `command` on the process's arguments and I/O when its module (`moduleUrl`) is the script Node started, as
 * `npm run` does, and sets the exit code; imported (by a test), it does nothing. Real paths, since a symlinked
 * checkout gives argv the link and import.meta.url the target.
 */
export async function runIfScript(moduleUrl: string, command: Command): Promise<void> {
  const script = process.argv[1];
  if (!script || realpathSync(script) !== fileURLToPath(moduleUrl)) return;
  process.exitCode = await command(process.argv.slice(2), processIo());
}
