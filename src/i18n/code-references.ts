import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** How the code names texts, read from its source. */
export interface CodeReferences {
  /** quoted strings shaped like a text key ("engine.retry", "risk.words") */
  keys: Set<string>;
  /** templates that build a key from a literal start ("find_help.partner." and a field name), by file */
  built: { file: string; prefix: string }[];
}

const QUOTED_KEY = /(["'`])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\1/g;
const BUILT_KEY = /`([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.)\$\{/g;

/**
 * Every .ts file under dir but those under `skip` (folders whose texts are another namespace: the staff app's).
 * A quoted key counts as used wherever the code holds it (a call, a table, a
 * default), not where a comment names it. A key built from a prefix cannot be read this way; code that
 * builds keys exports its prefix, and `built` lets the check catch one that does not.
 */
export function textReferencesInCode(dir: string, skip: string[] = []): CodeReferences {
  const keys = new Set<string>();
  const built: CodeReferences["built"] = [];
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !skip.some((s) => f.startsWith(`${s}${path.sep}`)))
    .sort();
  for (const file of files) {
    const source = withoutComments(readFileSync(path.join(dir, file), "utf8"));
    for (const [, , key] of source.matchAll(QUOTED_KEY)) keys.add(key!);
    for (const [, prefix] of source.matchAll(BUILT_KEY)) built.push({ file: path.join(dir, file), prefix: prefix! });
  }
  return { keys, built };
}

// Comment lines ("//", "/*", " * ") and a trailing "// ..." after code (outside any quote): how this code
// base writes comments. Not a TypeScript parser; the installed compiler (7, native) has no JS API to ask.
function withoutComments(source: string): string {
  return source
    .split("\n")
    .map((line) => {
      const trimmed = line.trimStart();
      if (/^(\/\/|\/\*|\*)/.test(trimmed)) return "";
      const at = line.search(/\s\/\/\s/);
      return at >= 0 && outsideQuotes(line.slice(0, at)) ? line.slice(0, at) : line;
    })
    .join("\n");
}

const outsideQuotes = (code: string) => ['"', "'", "`"].every((q) => code.split(q).length % 2 === 1);
