import { parse } from "csv-parse/sync";
import { csvField as field, csvLine as line } from "../csv.ts";
import { isService, SERVICES, type Service } from "../services.ts";
import { maskNumbers } from "../../i18n/mask-numbers.ts";
import { type NeedFilter, shownCount } from "./dashboard.ts";
import { NEED_EXPORT_FIELDS, type NeedAggregates, type NeedExportRow } from "./dashboard-repository.ts";

/**
 * The joined id columns, checked: should a value ever hold more than letters, digits and _ . : - (or
 * begin with - , a formula sign), the other characters are dropped, so the file cannot break or
 * carry a formula.
 */
function idFields(fields: string): string {
  return /^[\w .:,-]*$/.test(fields) && !/(^|,)-/.test(fields)
    ? fields
    : fields.replace(/[^\w .:,-]/g, "").replace(/(^|,)-+/g, "$1");
}

/** The first line of the rows export: the person's own words come last. */
export const NEED_ROWS_HEADER = line([...NEED_EXPORT_FIELDS, "area_other", "text"]);

/**
 * De-identified rows: no phone number or contact of any kind (the rows never carried one), and long
 * numbers typed into the free text masked.
 */
export function needRowsCsv(rows: NeedExportRow[]): string {
  let out = "";
  for (const r of rows)
    out += `${idFields(r.fields)},${field(maskNumbers(r.areaOther))},${field(maskNumbers(r.text))}\r\n`;
  return out;
}

/** The aggregates as one long table (dimension, group, urgency, count), small counts as "<5". */
export function needAggregatesCsv(a: NeedAggregates, f: NeedFilter): string {
  const out = [line(["dimension", "group", "urgency", "count"])];
  out.push(line(["total", "", "", shownCount(a.total)]));
  for (const [dimension, counts] of [
    ["category", a.byCategory],
    ["area", a.byArea],
    ["language", a.byLanguage],
  ] as const) {
    for (const c of counts) out.push(line([dimension, c.key, "", shownCount(c.n)]));
  }
  for (const w of a.byWeek) out.push(line(["week", w.week.toISOString().slice(0, 10), w.urgency, shownCount(w.n)]));
  const filters = Object.entries(f)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  if (filters) out.push(line(["filters", filters, "", ""]));
  return out.join("");
}

export type AssessmentResult = { ok: true; shares: Map<Service, number> } | { ok: false; reason: string };

/**
 * An organisation's own needs assessment: CSV rows of category and share ("category,share" header
 * optional). Shares may be fractions (0.35), percentages (35 or 35%) or raw counts: they are
 * normalised to add up to 1.
 */
export function parseAssessment(csv: string): AssessmentResult {
  let records: string[][];
  try {
    records = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    return { ok: false, reason: `not a CSV file: ${err instanceof Error ? err.message : String(err)}` };
  }
  const raw = new Map<Service, number>();
  for (const [i, rec] of records.entries()) {
    const [category = "", share = ""] = rec;
    if (i === 0 && !/\d/.test(share)) continue; // a header row
    const key = category.toLowerCase().replace(/[\s-]+/g, "_");
    if (!isService(key))
      return { ok: false, reason: `line ${i + 1}: "${category}" is not a category (${SERVICES.join(", ")})` };
    const value = Number(share.replace("%", "").trim());
    if (!Number.isFinite(value) || value < 0) return { ok: false, reason: `line ${i + 1}: "${share}" is not a share` };
    raw.set(key, (raw.get(key) ?? 0) + value);
  }
  const sum = [...raw.values()].reduce((a, b) => a + b, 0);
  if (sum <= 0) return { ok: false, reason: "no shares found: write one line per category, e.g. shelter,35%" };
  return { ok: true, shares: new Map([...raw].map(([k, v]) => [k, v / sum])) };
}
