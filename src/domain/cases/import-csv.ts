import type { Prisma } from "../../db/database.ts";
import {
  type Columns,
  type CsvRow,
  type ImportReport,
  type RowProblem,
  repeatedIn,
  rowProblems,
  startImport,
} from "../csv.ts";
import { caseInputSchema } from "./case-input.ts";
import { caseKey } from "./normalize.ts";
import { saveCase } from "./service.ts";

const COLUMNS: Columns = {
  required: ["case_number", "stage"],
  optional: ["factor_kind", "factor", "next_appointment", "next_step"],
  perLanguage: "next_step",
};

/**
 * Columns: case_number, factor_kind (pin | dob), factor, stage, next_appointment, next_step, and
 * next_step_<language> for a note in that language. Good rows are saved, each bad row is reported.
 */
export async function importCasesCsv(prisma: Prisma, text: string): Promise<ImportReport> {
  const { report, rows } = startImport(text, COLUMNS);
  const repeated = repeatedIn("case_number", "case");
  for (const row of rows) {
    const result = await importRow(prisma, row, repeated);
    if (result === "created" || result === "updated") report[result]++;
    else report.problems.push(...result);
  }
  return report;
}

async function importRow(
  prisma: Prisma,
  row: CsvRow,
  repeated: ReturnType<typeof repeatedIn>,
): Promise<"created" | "updated" | RowProblem[]> {
  const parsed = caseInputSchema.safeParse(fromCells(row.cells));
  if (!parsed.success) return rowProblems(row.line, parsed.error, columnOf);
  const again = repeated(row.line, caseKey(parsed.data.caseNumber));
  if (again) return [again];
  const saved = await saveCase(prisma, parsed.data);
  return saved === "needs_factor"
    ? [{ line: row.line, column: "factor", reason: "a new case needs factor_kind and factor" }]
    : saved;
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

/** The schema's fields whose column is spelt otherwise (factor and stage are their own columns). */
const FIELD_COLUMNS: Record<string, string> = {
  caseNumber: "case_number",
  factorKind: "factor_kind",
  nextAppointment: "next_appointment",
};

function columnOf(path: PropertyKey[]): string {
  const [field, language] = path;
  if (field === "nextStep")
    return language === undefined || language === "default" ? "next_step" : `next_step_${String(language)}`;
  return FIELD_COLUMNS[String(field)] ?? String(field);
}
