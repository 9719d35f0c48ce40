import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import { isLanguageCode } from "../i18n/language-code.ts";

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

/** The header an importer reads. */
export interface Columns {
  required: readonly string[];
  optional: readonly string[];
  /** a column that may also be given per language, as `<column>_<language code>`: hours_ar, next_step_fr */
  perLanguage: string;
}

/** An import under way: the report so far and the rows left for the importer to check and save. */
export interface CsvImport {
  report: ImportReport;
  rows: CsvRow[];
}

/** What csv-parse gives with `info` (its types do not say so). */
const recordsSchema = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }));

/**
 * How every CSV import starts: the file read (leniently about spaces and a BOM) and its header checked.
 * A broken file or a bad header refuses every row, as problems on line 1 (or the line the file breaks
 * on): a misspelt column must not drop data silently. A row whose cells do not match the header is
 * refused alone.
 */
export function startImport(text: string, columns: Columns): CsvImport {
  let records: z.infer<typeof recordsSchema>;
  try {
    records = recordsSchema.parse(
      parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
    );
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 1;
    return refuseAll(0, [{ line, column: "", reason: `not readable as CSV: ${error.message}` }]);
  }
  const [head, ...body] = records;
  if (!head) return refuseAll(0, [{ line: 1, column: "", reason: "the file is empty" }]);
  const header = head.record.map((h) => h.toLowerCase());
  const headerProblems = checkHeader(header, columns);
  if (headerProblems.length) return refuseAll(body.length, headerProblems);

  const report: ImportReport = { rows: body.length, created: 0, updated: 0, problems: [] };
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    if (record.length === header.length)
      rows.push({ line: info.lines, cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ""])) });
    else
      report.problems.push({
        line: info.lines,
        column: "",
        reason: `has ${record.length} cells, the header has ${header.length}`,
      });
  }
  return { report, rows };
}

const refuseAll = (rows: number, problems: RowProblem[]): CsvImport => ({
  report: { rows, created: 0, updated: 0, problems },
  rows: [],
});

function checkHeader(header: string[], columns: Columns): RowProblem[] {
  const named = [...columns.required, ...columns.optional];
  const known = (c: string) =>
    named.includes(c) ||
    (c.startsWith(`${columns.perLanguage}_`) && isLanguageCode(c.slice(columns.perLanguage.length + 1)));
  const problem = (column: string, reason: string): RowProblem => ({ line: 1, column, reason });
  return [
    ...columns.required.filter((c) => !header.includes(c)).map((c) => problem(c, "missing column")),
    ...header
      .filter((c) => !known(c))
      .map((c) => problem(c, `unknown column (known: ${named.join(", ")}, ${columns.perLanguage}_<language code>)`)),
    ...header.filter((c, i) => header.indexOf(c) !== i).map((c) => problem(c, "column given twice")),
  ];
}

/** A schema's issues as row problems; `column` names the CSV column behind a field's path. */
export function rowProblems(line: number, error: z.ZodError, column: (path: PropertyKey[]) => string): RowProblem[] {
  return error.issues.map((i) => ({ line, column: column(i.path), reason: i.message }));
}

/**
 * The same record twice in one file is refused on its later line: which of the two was meant is for
 * staff to say. Returns the check for one import; `what` names the record ("case", "partner").
 */
export function repeatedIn(column: string, what: string): (line: number, key: string) => RowProblem | undefined {
  const firstLine = new Map<string, number>();
  return (line, key) => {
    const earlier = firstLine.get(key);
    if (earlier !== undefined) return { line, column, reason: `the same ${what} as line ${earlier}` };
    firstLine.set(key, line);
    return undefined;
  };
}

/** Every row is saved or refused, so the refused ones are the rest. */
export const refusedRows = (r: ImportReport) => r.rows - r.created - r.updated;

export function formatReport(what: string, r: ImportReport): string {
  // by line, as staff go through the file; the problems of one line stay in their order
  const lines = [...r.problems]
    .sort((a, b) => a.line - b.line)
    .map((p) => `  line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.reason}`);
  return [
    `${what}: ${r.rows} rows, ${r.created + r.updated} saved (${r.created} new, ${r.updated} updated), ${refusedRows(r)} refused`,
    ...lines,
  ].join("\n");
}

/**
 * What a spreadsheet runs as a formula: = + - @ first, also after spaces and in their fullwidth or small
 * forms (＝, ﹦: NFKC folds them to =), or a tab or line break first.
 */
const FORMULA = /^[\t\r\n]|^\s*[=+\-@]/;

/**
 * One CSV field: quoted when needed; a formula is defused with a leading quote mark, since the text
 * may be written by the public.
 */
export function csvField(value: string): string {
  const safe = FORMULA.test(value.normalize("NFKC")) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line of fields, ended as RFC 4180 says. */
export const csvLine = (values: string[]) => `${values.map(csvField).join(",")}\r\n`;
