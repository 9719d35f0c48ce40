import type { Prisma } from "../../db/database.ts";
import { type CsvRow, type ImportReport, type RowProblem, readCsv, rowProblems, unknownColumns } from "../csv.ts";
import { caseInputSchema } from "./case-input.ts";
import { saveCase } from "./service.ts";

/**
 * Columns: case_number, factor_kind (pin | dob), factor, stage, next_appointment, next_step, and
 * next_step_<language> for a note in that language. Good rows are saved, each bad row is reported.
 */
export async function importCasesCsv(prisma: Prisma, text: string): Promise<ImportReport> {
  const read = readCsv(text);
  if (!read.ok) return { rows: 0, created: 0, updated: 0, problems: [read.problem] };
  const unknown = unknownColumns(read.columns, (c) => c in COLUMN_FIELDS || /^next_step_[a-z]{2,3}$/.test(c));
  if (unknown.length) return { rows: read.rows.length, created: 0, updated: 0, problems: unknown };
  const report: ImportReport = { rows: read.rows.length, created: 0, updated: 0, problems: [] };
  const firstLine = new Map<string, number>();
  for (const row of read.rows) {
    const result = await importRow(prisma, row, firstLine);
    if (result === "created" || result === "updated") report[result]++;
    else report.problems.push(...result);
  }
  return report;
}

async function importRow(prisma: Prisma, row: CsvRow, firstLine: Map<string, number>): Promise<"created" | "updated" | RowProblem[]> {
  const parsed = caseInputSchema.safeParse(fromCells(row.cells));
  if (!parsed.success) return rowProblems(row.line, parsed.error, columnOf);
  const earlier = firstLine.get(parsed.data.caseNumber);
  if (earlier !== undefined) return [{ line: row.line, column: "case_number", reason: `the same case as line ${earlier}` }];
  firstLine.set(parsed.data.caseNumber, row.line);
  const saved = await saveCase(prisma, parsed.data);
  return saved === "needs_factor" ? [{ line: row.line, column: "factor", reason: "a new case needs factor_kind and factor" }] : saved;
}

/** Empty cells are "not given"; next_step_ar etc. become the note for that language. */
function fromCells(cells: Record<string, string>): Record<string, unknown> {
  const given = (column: string) => (cells[column] ? cells[column] : undefined);
  const notes = Object.entries(cells)
    .filter(([column]) => column === "next_step" || column.startsWith("next_step_"))
    .map(([column, note]) => [column === "next_step" ? "default" : column.slice("next_step_".length), note]);
  return {
    caseNumber: cells.case_number ?? "",
    factorKind: given("factor_kind"),
    factor: given("factor"),
    stage: cells.stage ?? "",
    nextAppointment: given("next_appointment") ?? null,
    nextStep: Object.fromEntries(notes),
  };
}

const COLUMN_FIELDS: Record<string, string> = {
  case_number: "caseNumber", factor_kind: "factorKind", factor: "factor", stage: "stage", next_appointment: "nextAppointment", next_step: "nextStep",
};
const FIELD_COLUMNS = Object.fromEntries(Object.entries(COLUMN_FIELDS).map(([column, field]) => [field, column]));

function columnOf(path: PropertyKey[]): string {
  const [field, language] = path;
  if (field === "nextStep") return language === undefined || language === "default" ? "next_step" : `next_step_${String(language)}`;
  return FIELD_COLUMNS[String(field)] ?? String(field);
}
