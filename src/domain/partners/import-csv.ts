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
import type { Areas } from "../areas/areas.ts";
import { type PartnerInput, partnerInputSchema } from "./partner.ts";
import { upsertPartners } from "./repository.ts";

const COLUMNS: Columns = {
  required: ["code", "name", "services", "areas", "languages", "hours"],
  optional: ["phone", "whatsapp", "email", "address", "active"],
  perLanguage: "hours",
};

/**
 * npm run import:partners, npm run seed and the staff app's paste form: every row checked, the good
 * ones upserted by code (together), the others reported by line, column and reason.
 */
export async function importPartnersCsv(prisma: Prisma, text: string, areas: Areas): Promise<ImportReport> {
  const { report, partners } = readPartnersCsv(text, Object.keys(areas));
  return { ...report, ...(await upsertPartners(prisma, partners)) };
}

/**
 * The partners a CSV holds, checked against the deployment's areas, and the report of the rows refused.
 * Lists (services, areas, languages) are separated by ";" (a "," works too).
 */
export function readPartnersCsv(
  text: string,
  areaIds: readonly string[],
): { report: ImportReport; partners: PartnerInput[] } {
  const { report, rows } = startImport(text, COLUMNS);
  const schema = partnerInputSchema(areaIds);
  const repeated = repeatedIn("code", "partner");
  const partners: PartnerInput[] = [];
  for (const row of rows) {
    const checked = checkRow(row, schema, repeated);
    if (checked.ok) partners.push(checked.partner);
    else report.problems.push(...checked.problems);
  }
  return { report, partners };
}

function checkRow(
  row: CsvRow,
  schema: ReturnType<typeof partnerInputSchema>,
  repeated: ReturnType<typeof repeatedIn>,
): { ok: true; partner: PartnerInput } | { ok: false; problems: RowProblem[] } {
  const active = parseActive(row.cells.active ?? "");
  if (!active.ok) return { ok: false, problems: [{ line: row.line, column: "active", reason: active.reason }] };
  const parsed = schema.safeParse(toInput(row.cells, active.value));
  if (!parsed.success) return { ok: false, problems: rowProblems(row.line, parsed.error, columnOf) };
  const again = repeated(row.line, parsed.data.code);
  return again ? { ok: false, problems: [again] } : { ok: true, partner: parsed.data };
}

/** A list cell ("legal; asylum"), also how the staff edit form reads its list fields. */
export const splitList = (cell: string) =>
  cell
    .split(/[;,]/)
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
const optional = (cell: string | undefined) => (cell ? cell : undefined);

/** Empty cells are "not given"; hours_ar etc. become the hours in that language. */
function toInput(cells: Record<string, string>, active: boolean | undefined) {
  const hoursByLanguage = Object.fromEntries(
    Object.entries(cells).flatMap(([column, value]) =>
      column.startsWith("hours_") && value ? [[column.slice("hours_".length), value]] : [],
    ),
  );
  return {
    code: cells.code ?? "",
    name: cells.name ?? "",
    services: splitList(cells.services ?? ""),
    areas: splitList(cells.areas ?? ""),
    languages: splitList(cells.languages ?? ""),
    phone: optional(cells.phone),
    whatsapp: optional(cells.whatsapp),
    email: optional(cells.email),
    address: optional(cells.address),
    hours: cells.hours ?? "",
    hoursByLanguage,
    active,
  };
}

function parseActive(cell: string): { ok: true; value: boolean | undefined } | { ok: false; reason: string } {
  const v = cell.toLowerCase();
  if (v === "") return { ok: true, value: undefined };
  if (["yes", "y", "true", "1"].includes(v)) return { ok: true, value: true };
  if (["no", "n", "false", "0"].includes(v)) return { ok: true, value: false };
  return { ok: false, reason: `"${cell}" is not yes or no` };
}

/** The CSV column a schema issue belongs to. */
function columnOf(path: PropertyKey[]): string {
  const [field, key] = path;
  if (field === "hoursByLanguage") return `hours_${String(key)}`;
  return typeof field === "string" ? field : "";
}
