import { languageName } from "../../i18n/language-code.ts";
import { csvLine } from "../csv.ts";
import type { IdLabels } from "../id-labels.ts";
import { shownCount } from "./dashboard.ts";
import type { NeedCell } from "./hxl-repository.ts";

// The needs counts for HDX and other humanitarian tools: a CSV whose second row holds HXL hashtags
// (https://hxlstandard.org/). One row per week, area and category; the language of the people who asked
// is an attribute of the count columns (HXL disaggregates by attributes, as #affected +f does by sex).
// HXL's own language attributes (+i_ar) say which language a column's text is in, so not those:
// +lang_ar is an attribute of our own, which HXL allows.

/** An HXL attribute is lowercase letters, digits and _: "pt-BR" becomes +lang_pt_br. */
const languageAttribute = (code: string) => `+lang_${code.toLowerCase().replace(/[^a-z0-9]/g, "_")}`;

/** The table, counts of 1 to 4 shown as "<5" in every cell, totals included (the dashboard's rule). */
export function needsHxlCsv(cells: NeedCell[], labels: IdLabels): string {
  const languages = [...new Set(cells.map((c) => c.language))].sort();
  const rows = new Map<string, { week: string; area: string; sector: string; byLanguage: Map<string, number> }>();
  for (const c of cells) {
    const week = c.week.toISOString().slice(0, 10);
    const key = JSON.stringify([week, c.area, c.category]);
    const row = rows.get(key) ?? {
      week,
      area: labels.area(c.area),
      sector: labels.category(c.category),
      byLanguage: new Map(),
    };
    row.byLanguage.set(c.language, (row.byLanguage.get(c.language) ?? 0) + c.n);
    rows.set(key, row);
  }
  const ordered = [...rows.values()].sort(
    (a, b) => a.week.localeCompare(b.week) || a.area.localeCompare(b.area) || a.sector.localeCompare(b.sector),
  );
  const out = [
    csvLine([
      "Week starting",
      "Area",
      "Sector",
      "Needs reported",
      ...languages.map((l) => `Needs reported in ${languageName(l)}`),
    ]),
    csvLine([
      "#date +reported",
      "#adm1 +name",
      "#sector",
      "#indicator +num +total",
      ...languages.map((l) => `#indicator +num ${languageAttribute(l)}`),
    ]),
  ];
  for (const r of ordered) {
    const total = [...r.byLanguage.values()].reduce((a, b) => a + b, 0);
    const counts = languages.map((l) => shownCount(r.byLanguage.get(l) ?? 0));
    out.push(csvLine([r.week, r.area, r.sector, shownCount(total), ...counts]));
  }
  return out.join("");
}
