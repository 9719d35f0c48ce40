import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const text = (content: string | string[]) => (Array.isArray(content) ? content.join("\n") : content);

/** A new temporary folder holding the files (relative path -> text, lines joined with "\n"), with their subfolders. */
export function tempDirWith(files: Record<string, string | string[]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "haven-test-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text(content));
  }
  return dir;
}

/**
 * A temporary copy of the folders (each under its own name), with one file, given from the copy's root, rewritten by
 * `change` ("" for a new file). A change that leaves the file as it was throws: the test would prove nothing.
 */
export function copyWith(folders: string[], file: string, change: (text: string) => string | string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "haven-test-"));
  for (const folder of folders) cpSync(folder, path.join(dir, path.basename(folder)), { recursive: true });
  const target = path.join(dir, file);
  const before = existsSync(target) ? readFileSync(target, "utf8") : "";
  const after = text(change(before));
  if (after === before) throw new Error(`the change left ${file} as it was`);
  writeFileSync(target, after);
  return dir;
}
