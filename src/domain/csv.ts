import { parse } from "csv-parse/sync";
import type { z } from "zod";

/** One refused row, precise enough for staff to fix the file: its line, the column and why. */
export interface RowProblem {
  line: number;
  column: string;
  reason: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  problems: RowProblem[];
}

export interface CsvRow {
  /** line of the file the row is on (the header is line 1; a quoted cell over lines: its last) */
  line: number;
  cells: Record<string, string>;
}

export type ReadCsv = { ok: true; columns: string[]; rows: CsvRow[] } | { ok: false; problem: RowProblem };

/** A CSV file with a header row, read leniently about spaces and a BOM; a broken file is one problem. */
export function readCsv(text: string): ReadCsv {
  let columns: string[] = [];
  try {
    const records: { record: Record<string, string>; info: { lines: number } }[] = parse(text, {
      columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase())),
      bom: true, trim: true, skip_empty_lines: true, info: true,
    });
    return { ok: true, columns, rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (error) {
    const line = Number(Reflect.get(Object(error), "lines")) || 1;
    return { ok: false, problem: { line, column: "", reason: error instanceof Error ? error.message : String(error) } };
  }
}

/** A column the importer does not know is refused with the whole file: a typo must not drop data silently. */
export function unknownColumns(columns: string[], known: (column: string) => boolean): RowProblem[] {
  return columns.filter((c) => !known(c)).map((c) => ({ line: 1, column: c, reason: "unknown column" }));
}

/** A schema's issues as row problems; `column` names the CSV column behind a field's path. */
export function rowProblems(line: number, error: z.ZodError, column: (path: PropertyKey[]) => string): RowProblem[] {
  return error.issues.map((i) => ({ line, column: column(i.path), reason: i.message }));
}

export function formatReport(what: string, r: ImportReport): string {
  const lines = r.problems.map((p) => `  line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.reason}`);
  const refused = new Set(r.problems.map((p) => p.line)).size;
  return [
    `${what}: ${r.rows} rows, ${r.created + r.updated} saved (${r.created} new, ${r.updated} updated), ${refused} refused`,
    ...lines,
  ].join("\n");
}
