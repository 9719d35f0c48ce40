import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import {
  buildFlows,
  buildKeywords,
  type CheckOptions,
  type FlowProblem,
  type Flows,
  formatProblem,
  type Keywords,
} from "../engine/index.ts";

/** Flows the engine enters by itself; the bundled flows/ folder must define them. */
export const ENTRY_FLOWS = {
  welcome: "welcome",
  menu: "main_menu",
  riskCheck: "risk_check",
  handedBack: "handed_back",
  closed: "after_handoff",
} as const;

/** The global keywords, beside the flows they start; not a flow itself. */
export const KEYWORDS_FILE = "keywords.yaml";

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
    .filter((f) => /\.ya?ml$/.test(f) && f !== KEYWORDS_FILE)
    .sort();
  for (const file of files) {
    const doc = readYaml(path.join(dir, file), problems);
    if (doc) docs.push(doc);
  }
  if (files.length === 0) problems.push({ source: dir, path: "", reason: "no .yaml flow files" });
  return { docs, problems };
}

/** A YAML file's data, or undefined with its syntax errors added to `problems` (a missing file is one). */
function readYaml(source: string, problems: FlowProblem[]): { source: string; data: unknown } | undefined {
  if (!existsSync(source)) {
    problems.push({ source, path: "", reason: "file missing" });
    return undefined;
  }
  const doc = parseDocument(readFileSync(source, "utf8"), { prettyErrors: true });
  if (doc.errors.length === 0) return { source, data: doc.toJS() };
  for (const e of doc.errors)
    problems.push({ source, path: `line ${e.linePos?.[0]?.line ?? "?"}`, reason: e.message.split("\n")[0]! });
  return undefined;
}

/** flows/keywords.yaml checked against the flows it starts and the texts it names. */
export function readKeywords(
  dir: string,
  flows: Flows,
  hasText: (key: string) => boolean,
): { keywords: Keywords | undefined; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const doc = readYaml(path.join(dir, KEYWORDS_FILE), problems);
  if (!doc) return { keywords: undefined, problems };
  return buildKeywords(doc, flows, hasText);
}

export function loadFlows(dir: string, opts: Omit<CheckOptions, "entry">): Flows {
  const read = readFlowDocs(dir);
  const built = buildFlows(read.docs, { ...opts, entry: ENTRY_FLOWS });
  const problems = [...read.problems, ...built.problems];
  if (problems.length > 0) throw new FlowLoadError(problems);
  return built.flows;
}

/** The keywords, once the flows they start are loaded; a problem stops start-up as a flow's does. */
export function loadKeywords(dir: string, flows: Flows, hasText: (key: string) => boolean): Keywords {
  const { keywords, problems } = readKeywords(dir, flows, hasText);
  if (problems.length > 0 || !keywords) throw new FlowLoadError(problems);
  return keywords;
}
