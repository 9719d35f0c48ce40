import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * A script of the repository run as `npm run` does, through tsx, with the environment on top of this one's. Jest's
 * NODE_OPTIONS (--experimental-vm-modules) are dropped: the child is plain Node. Rejects on a non-zero exit, with
 * code, stdout and stderr.
 */
export const runTsx = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    timeout: 60_000,
  });
