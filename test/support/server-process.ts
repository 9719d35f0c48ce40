import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "./harness.ts";

/**
 * The real server (`npm start`: the build in dist/) in a process
 * of its own: what a deploy runs, and what SIGKILL can hit.
 */
export interface ServerProcess {
  proc: ChildProcess;
  pid: number;
  url: string;
  /** spawn until the "listening" log line: loading code, migrations, flows, database */
  coldStartMs: number;
  /** the process's peak resident memory so far, in MB (Linux VmHWM) */
  peakRssMb(): number;
  /** its resident memory now, in MB (Linux VmRSS) */
  rssMb(): number;
  /** CPU time it has used so far, user + system, in seconds (Linux /proc/<pid>/stat) */
  cpuSeconds(): number;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves when the process is gone */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
}

export interface SpawnOptions {
  /** the server's environment on top of the harness's Twilio credentials */
  env: Record<string, string | undefined>;
  /** another JavaScript entry speaking the same "listening" log line (the bench's botkit peer) */
  entry?: string;
  /** every log line the server prints (JSON from pino) */
  onLine?(line: string): void;
  /** node/V8 flags on top of npm start's */
  extraNodeArgs?: string[];
}

let startCommand: { env: Record<string, string>; args: string[] } | undefined;
/**
 * `npm run start:production`'s environment assignments and node arguments (its flags and the built entry), after
 * `npm run build` once per test process: the server runs the sources as they are now, the way a deploy runs them.
 */
function npmStart(): { env: Record<string, string>; args: string[] } {
  if (!startCommand) {
    execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
    const words = z
      .object({ scripts: z.object({ "start:production": z.string() }) })
      .parse(JSON.parse(readFileSync("package.json", "utf8")))
      .scripts["start:production"].split(/\s+/);
    const commandAt = words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
    const env = Object.fromEntries(
      words.slice(0, commandAt).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]),
    );
    const [command, ...args] = words.slice(commandAt);
    if (command !== "node") throw new Error(`start:production runs ${command}, not node: spawnServer cannot follow it`);
    startCommand = { env, args };
  }
  return startCommand;
}

export function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  const { env, args } = opts.entry ? { env: {}, args: [opts.entry] } : npmStart();
  const started = performance.now();
  // extra flags after npm start's own, so that they win (V8 takes the last value of a flag)
  const proc = spawn(process.execPath, [...args.slice(0, -1), ...(opts.extraNodeArgs ?? []), ...args.slice(-1)], {
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: "",
      PORT: "0",
      HOST: "127.0.0.1",
      TRUST_PROXY: "loopback",
      PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`server exited with ${code} before listening`));
    proc.once("exit", early);
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      opts.onLine?.(line);
      const port = /"port":(\d+).*help line listening/.exec(line)?.[1];
      if (!port) return;
      proc.off("exit", early);
      const pid = proc.pid!;
      resolve({
        proc,
        pid,
        url: `http://127.0.0.1:${port}`,
        coldStartMs: performance.now() - started,
        peakRssMb: () => memory(pid, "VmHWM"),
        rssMb: () => memory(pid, "VmRSS"),
        cpuSeconds: () => cpuSeconds(pid),
        async stop(signal = "SIGTERM") {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
          await exited;
        },
      });
    });
  });
}

const memory = (pid: number, field: "VmHWM" | "VmRSS") =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** utime + stime, fields 14 and 15 of /proc/<pid>/stat (counted after the command's closing parenthesis) */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
/** USER_HZ: 100 on every Linux that Node runs on (getconf CLK_TCK) */
const CLOCK_TICKS = 100;
