import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { buildFlows, type CheckOptions, type FlowProblem, type Flows, formatProblem } from "../engine/index.ts";

/** Flows the engine enters by itself; the bundled flows/ folder must define them. */
export const ENTRY_FLOWS = {
  welcome: "welcome",
  menu: "main_menu",
  language: "change_language",
  help: "talk_to_person",
  erase: "erase_data",
  riskCheck: "risk_check",
} as const;

export class FlowLoadError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    super(`flows are broken:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
  }
}

/** Every flows/*.yaml, YAML-parsed then validated together; any problem stops start-up. */
export function readFlowDocs(dir: string): { docs: { source: string; data: unknown }[]; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const docs: { source: string; data: unknown }[] = [];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    const source = path.join(dir, file);
    const doc = parseDocument(readFileSync(source, "utf8"), { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        problems.push({ source, path: `line ${e.linePos?.[0]?.line ?? "?"}`, reason: e.message.split("\n")[0]! });
      continue;
    }
    docs.push({ source, data: doc.toJS() });
  }
  if (files.length === 0) problems.push({ source: dir, path: "", reason: "no .yaml flow files" });
  return { docs, problems };
}

export function loadFlows(dir: string, opts: Omit<CheckOptions, "entry">): Flows {
  const read = readFlowDocs(dir);
  const built = buildFlows(read.docs, { ...opts, entry: ENTRY_FLOWS });
  const problems = [...read.problems, ...built.problems];
  if (problems.length > 0) throw new FlowLoadError(problems);
  return built.flows;
}
