import type { Prisma } from "../../db/database.ts";
import { type CsvRow, type ImportReport, type RowProblem, readCsv, rowProblems } from "../csv.ts";
import { caseInputSchema } from "./case-input.ts";
import { saveCase } from "./service.ts";

/**
 * Columns: case_number, factor_kind (pin | dob), factor, stage, next_appointment, next_step, and
 * next_step_<language> for a note in that language. Good rows are saved, each bad row is reported.
 */
export async function importCasesCsv(prisma: Prisma, text: string): Promise<ImportReport> {
  const read = readCsv(text);
  if (!read.ok) return { rows: 0, created: 0, updated: 0, problems: [read.problem] };
  const report: ImportReport = { rows: read.rows.length, created: 0, updated: 0, problems: [] };
  const firstLine = new Map<string, number>();
  for (const row of read.rows) {
    const problems = await importRow(prisma, row, firstLine, report);
    report.problems.push(...problems);
  }
  return report;
}

async function importRow(prisma: Prisma, row: CsvRow, firstLine: Map<string, number>, report: ImportReport): Promise<RowProblem[]> {
  const parsed = caseInputSchema.safeParse(fromCells(row.cells));
  if (!parsed.success) return rowProblems(row.line, parsed.error, columnOf);
  const earlier = firstLine.get(parsed.data.caseNumber);
  if (earlier !== undefined) return [{ line: row.line, column: "case_number", reason: `the same case as line ${earlier}` }];
  firstLine.set(parsed.data.caseNumber, row.line);
  const saved = await saveCase(prisma, parsed.data);
  if (saved === "needs_factor") return [{ line: row.line, column: "factor", reason: "a new case needs factor_kind and factor" }];
  report[saved]++;
  return [];
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

const COLUMNS: Record<string, string> = {
  caseNumber: "case_number", factorKind: "factor_kind", factor: "factor", stage: "stage", nextAppointment: "next_appointment",
};

function columnOf(path: PropertyKey[]): string {
  const [field, language] = path;
  if (field === "nextStep") return language === undefined || language === "default" ? "next_step" : `next_step_${String(language)}`;
  return COLUMNS[String(field)] ?? String(field);
}
