import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * A script of the repository run as `npm run` does, through tsx, with the environment on top of this one's. Jest's
 * NODE_OPTIONS (--experimental-vm-modules) are dropped: the child is plain Node. Rejects on a non-zero exit, with
 * code, stdout and stderr. `--liftoff-only`, as `npm start` runs: a CLI opens PGlite for seconds, and V8's optimising
 * recompile of its 8.7 MB of WebAssembly cost more CPU than it saved (opening a folder ~1.0 -> ~0.5 s, a new one
 * ~4.9 -> ~3.0 s).
 */
export const runTsx = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ["--liftoff-only", "--import", "tsx", script, ...args], {
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    timeout: 60_000,
  });
