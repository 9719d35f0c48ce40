import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Command } from "../../src/cli/cli-io.ts";

/** A command's exit code and all it printed. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A command of src/cli run in this process, on what `npm run` would give it: the environment on top of this one's,
 * `stdin` as standard input, no terminal. Starting Node and tsx for each command, and loading modules this worker
 * has already loaded, was a third of the suite's CPU.
 */
export async function runCommand(
  command: Command,
  args: string[] = [],
  {
    env = {},
    stdin = "",
    inheritEnv = true,
  }: {
    env?: Record<string, string>;
    stdin?: string;
    /** false: `env` alone, so a database this environment names cannot be the one the command uses */
    inheritEnv?: boolean;
  } = {},
): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const code = await command(args, {
    env: inheritEnv ? { ...process.env, ...env } : env,
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
    stdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

/**
 * A script of the repository run as `npm run` does, through tsx, with the environment on top of this one's: for the
 * few tests that prove the wiring of a script (its exit code, its output), the rest call commands in-process
 * (runCommand). The test runner's NODE_OPTIONS are dropped: the child is plain Node. Rejects on a non-zero exit, with
 * code, stdout and stderr. `--liftoff-only`, as `npm start` runs: V8's optimising recompile of PGlite's 8.7 MB of
 * WebAssembly cost more CPU than it saved.
 */
export const runTsx = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ["--liftoff-only", "--import", "tsx", script, ...args], {
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    timeout: 60_000,
  });
