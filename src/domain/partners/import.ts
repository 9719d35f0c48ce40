import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import { isLanguageCode, type PartnerInput, partnerInputSchema } from "./partner.ts";

/** One thing wrong with one row, precise enough to fix in a spreadsheet. */
export interface RowError {
  /** the line in the file (the header is line 1), as a spreadsheet numbers its rows */
  row: number;
  column: string;
  reason: string;
}

export type PartnersCsv =
  | { ok: true; rows: number; partners: { row: number; partner: PartnerInput }[]; errors: RowError[] }
  | { ok: false; reason: string };

const REQUIRED = ["code", "name", "services", "areas", "languages", "hours"] as const;
const OPTIONAL = ["phone", "whatsapp", "email", "address", "active"] as const;
/** hours_ar, hours_fr…: the opening hours written in that language */
const HOURS_IN = /^hours_([a-z]{2,3})$/;

const recordsSchema = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }));

/**
 * Reads a partner CSV: a bad header refuses the file (a misspelt column would silently drop data);
 * a bad row is reported with its line, column and reason, and the good rows are kept.
 * Lists (services, areas, languages) are separated by ";" (a "," works too).
 */
export function readPartnersCsv(text: string, areaIds: readonly string[]): PartnersCsv {
  let records: z.infer<typeof recordsSchema>;
  try {
    records = recordsSchema.parse(parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, reason: `not readable as CSV: ${error.message}` };
    throw error;
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, reason: "the file is empty" };
  const header = head.record.map((h) => h.toLowerCase());
  const headerProblem = checkHeader(header);
  if (headerProblem) return { ok: false, reason: headerProblem };

  const schema = partnerInputSchema(areaIds);
  const partners: { row: number; partner: PartnerInput }[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.length !== header.length) {
      errors.push({ row, column: "*", reason: `has ${record.length} cells, the header has ${header.length}` });
      continue;
    }
    const cells = new Map(header.map((h, i) => [h, record[i] ?? ""]));
    const active = parseActive(cells.get("active") ?? "");
    if (!active.ok) {
      errors.push({ row, column: "active", reason: active.reason });
      continue;
    }
    const parsed = schema.safeParse(toInput(cells, active.value));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, column: columnOf(issue.path), reason: issue.message });
      continue;
    }
    const earlier = seen.get(parsed.data.code);
    if (earlier !== undefined) {
      errors.push({ row, column: "code", reason: `"${parsed.data.code}" is already used on line ${earlier}` });
      continue;
    }
    seen.set(parsed.data.code, row);
    partners.push({ row, partner: parsed.data });
  }
  return { ok: true, rows: body.length, partners, errors };
}

function checkHeader(header: string[]): string | undefined {
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return `missing column(s): ${missing.join(", ")}`;
  const known = (h: string) => (REQUIRED as readonly string[]).includes(h) || (OPTIONAL as readonly string[]).includes(h)
    || isLanguageCode(HOURS_IN.exec(h)?.[1] ?? "");
  const unknown = header.filter((h) => !known(h));
  if (unknown.length) return `unknown column(s): ${unknown.join(", ")} (known: ${[...REQUIRED, ...OPTIONAL, "hours_<language code>"].join(", ")})`;
  const twice = header.filter((h, i) => header.indexOf(h) !== i);
  if (twice.length) return `column(s) given twice: ${twice.join(", ")}`;
  return undefined;
}

/** A list cell ("legal; asylum"), also how the staff edit form reads its list fields. */
export const splitList = (cell: string) => cell.split(/[;,]/).map((v) => v.trim().toLowerCase()).filter(Boolean);
const optional = (cell: string | undefined) => (cell ? cell : undefined);

function toInput(cells: Map<string, string>, active: boolean | undefined) {
  const hoursByLanguage = Object.fromEntries(
    [...cells].flatMap(([column, value]) => {
      const lng = HOURS_IN.exec(column)?.[1];
      return lng && value ? [[lng, value]] : [];
    }),
  );
  return {
    code: cells.get("code") ?? "",
    name: cells.get("name") ?? "",
    services: splitList(cells.get("services") ?? ""),
    areas: splitList(cells.get("areas") ?? ""),
    languages: splitList(cells.get("languages") ?? ""),
    phone: optional(cells.get("phone")),
    whatsapp: optional(cells.get("whatsapp")),
    email: optional(cells.get("email")),
    address: optional(cells.get("address")),
    hours: cells.get("hours") ?? "",
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
  return typeof field === "string" ? field : "*";
}
