import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "./harness.ts";

/** The real server (`npm start`'s entry) in a process of its own: what a deploy runs, and what SIGKILL can hit. */
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
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves when the process is gone */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
}

export interface SpawnOptions {
  /** the server's environment on top of the harness's Twilio credentials */
  env: Record<string, string | undefined>;
  /** another entry file speaking the same "listening" log line (the bare express baseline) */
  entry?: string;
  /** every log line the server prints (JSON from pino) */
  onLine?(line: string): void;
  extraNodeArgs?: string[];
}

export function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  const started = performance.now();
  const proc = spawn(process.execPath, [...(opts.extraNodeArgs ?? []), "--import", "tsx", opts.entry ?? "src/main.ts"], {
    env: {
      ...process.env, NODE_OPTIONS: "", PORT: "0", HOST: "127.0.0.1", PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, ...opts.env,
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
        proc, pid, url: `http://127.0.0.1:${port}`, coldStartMs: performance.now() - started,
        peakRssMb: () => memory(pid, "VmHWM"),
        rssMb: () => memory(pid, "VmRSS"),
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
