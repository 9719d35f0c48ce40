// Charts drawn on the server as inline SVG: no script, no CDN, readable on a slow phone. Colours are
// attributes, not styles (the staff pages' CSP allows no inline styles). Small groups are never drawn
// to scale: a count of 1–4 is a grey bar of the threshold's size labelled "<5".
import { isSuppressed, SMALL_GROUP, shownCount } from "../domain/needs/dashboard.ts";
import { type Html, html } from "./html.ts";
import type { StaffText } from "./staff-text.ts";

const SUPPRESSED = "#b8b8b8";
const BAR = "#2f6f9f";
const drawn = (n: number) => (isSuppressed(n) ? SMALL_GROUP : n);
/** A group as shown when the caller has no label for its key. */
const plain = (key: string) => key.replace(/_/g, " ");

/** Horizontal bars, one per group, largest first, each named by `label` (the key itself stays in exports). */
export function barChart(
  { t }: StaffText,
  title: string,
  counts: { key: string; n: number }[],
  label: (key: string) => string = plain,
  empty = t("charts.none"),
): Html {
  if (counts.length === 0)
    return html`<figure class="chart"><figcaption>${title}</figcaption><p class="meta">${empty}</p></figure>`;
  const width = 560,
    labelW = 150,
    valueW = 50,
    row = 22;
  const max = Math.max(...counts.map((c) => drawn(c.n)));
  const scale = (n: number) => ((width - labelW - valueW) * drawn(n)) / max;
  const height = counts.length * row + 4;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg" font-size="13" font-family="system-ui,sans-serif">
${counts.map(
  (c, i) => html`<g transform="translate(0 ${i * row + 2})"><title>${label(c.key)}: ${shownCount(c.n)}</title>
  <text x="${labelW - 6}" y="15" text-anchor="end">${label(c.key)}</text>
  <rect x="${labelW}" y="2" height="16" width="${scale(c.n).toFixed(1)}" fill="${isSuppressed(c.n) ? SUPPRESSED : BAR}"/>
  <text x="${(labelW + scale(c.n) + 4).toFixed(1)}" y="15" class="count">${shownCount(c.n)}</text></g>`,
)}
</svg>${countsTable(t("charts.table"), title, counts, label)}</figure>`;
}

function countsTable(
  summary: string,
  title: string,
  counts: { key: string; n: number }[],
  label: (key: string) => string,
): Html {
  return html`<details><summary>${summary}</summary><table><caption class="meta">${title}</caption>
${counts.map((c) => html`<tr><th scope="row">${label(c.key)}</th><td>${shownCount(c.n)}</td></tr>`)}</table></details>`;
}

const URGENCY_COLOURS: Record<string, string> = { today: "#b00020", week: "#e08a00", can_wait: "#2f6f9f" };

/** Needs per week, one column per week, stacked by urgency (named by `urgency.<id>`). */
export function weeklyChart(
  { t }: StaffText,
  title: string,
  weeks: { week: Date; urgency: string; n: number }[],
): Html {
  const urgency = (u: string) => t(`urgency.${u}`);
  if (weeks.length === 0)
    return html`<figure class="chart"><figcaption>${title}</figcaption><p class="meta">${t("charts.none")}</p></figure>`;
  const byWeek = new Map<string, Map<string, number>>();
  for (const w of weeks) {
    const key = w.week.toISOString().slice(0, 10);
    byWeek.set(key, (byWeek.get(key) ?? new Map()).set(w.urgency, w.n));
  }
  const urgencies = Object.keys(URGENCY_COLOURS);
  const columns = [...byWeek].map(([week, cells]) => ({
    week,
    cells: urgencies.map((u) => ({ u, n: cells.get(u) ?? 0 })),
  }));
  const width = 560,
    height = 220,
    left = 36,
    bottom = 34,
    top = 8;
  const max = Math.max(...columns.map((c) => c.cells.reduce((s, x) => s + drawn(x.n), 0)));
  const step = (width - left) / columns.length;
  const barW = Math.max(2, Math.min(40, step * 0.75));
  const y = (n: number) => ((height - bottom - top) * n) / max;
  const every = Math.ceil(columns.length / 8); // at most 8 date labels
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg" font-size="11" font-family="system-ui,sans-serif">
<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#888"/>
<text x="${left - 4}" y="${top + 10}" text-anchor="end">${max}</text>
${columns.map((c, i) => {
  let base = height - bottom;
  const x = left + i * step + (step - barW) / 2;
  return html`<g><title>${t("charts.weekOf")} ${c.week}: ${c.cells.map((x) => `${urgency(x.u)} ${shownCount(x.n)}`).join(", ")}</title>
${c.cells
  .filter((s) => s.n > 0)
  .map((s) => {
    const h = y(drawn(s.n));
    base -= h;
    return html`<rect x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${isSuppressed(s.n) ? SUPPRESSED : URGENCY_COLOURS[s.u]}"/>`;
  })}
${i % every === 0 ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle">${c.week.slice(5)}</text>` : ""}</g>`;
})}
<g transform="translate(${left} ${height - 8})">${urgencies.map((u, i) => html`<rect x="${i * 110}" y="-9" width="10" height="10" fill="${URGENCY_COLOURS[u]}"/><text x="${i * 110 + 14}" y="0">${urgency(u)}</text>`)}
<rect x="330" y="-9" width="10" height="10" fill="${SUPPRESSED}"/><text x="344" y="0">${t("charts.fewer", { n: SMALL_GROUP })}</text></g>
</svg><details><summary>${t("charts.table")}</summary><table><tr><th>${t("charts.weekOf")}</th>${urgencies.map((u) => html`<th>${urgency(u)}</th>`)}</tr>
${columns.map((c) => html`<tr><th scope="row">${c.week}</th>${c.cells.map((s) => html`<td>${shownCount(s.n)}</td>`)}</tr>`)}</table></details></figure>`;
}

/** What became of a point's visits in the funnel chart, each drawn in its colour under the point's bar. */
export const FUNNEL_PARTS = ["answered", "retried", "handoff", "left"] as const;
const FUNNEL_COLOURS: Record<(typeof FUNNEL_PARTS)[number], string> = {
  answered: "#2e7d32",
  retried: "#e08a00",
  handoff: "#b00020",
  left: "#6d6d6d",
};

/** A funnel step: its label, how many reached it and what became of them. */
export interface FunnelBar {
  label: string;
  reached: number;
  parts: Record<(typeof FUNNEL_PARTS)[number], number>;
}

/**
 * A flow as a funnel, its points in the flow's order: a bar centred on the axis for the times each was reached
 * (narrowing as people go), and under it what became of them (answered, not understood, a person asked, left),
 * all to one scale; 1–4 drawn at the threshold's size in grey, labelled "<5". The same figures are the table.
 */
export function funnelChart({ t }: StaffText, title: string, bars: FunnelBar[]): Html {
  if (bars.length === 0)
    return html`<figure class="chart"><figcaption>${title}</figcaption><p class="meta">${t("insights.none")}</p></figure>`;
  const width = 560,
    labelW = 170,
    row = 34,
    legend = 40;
  const span = width - labelW - 56;
  const max = Math.max(1, ...bars.map((b) => drawn(b.reached)));
  const scale = (n: number) => (span * drawn(n)) / max;
  const height = bars.length * row + legend;
  const mid = labelW + span / 2;
  const partName = (p: string) => t(`insights.${p}`);
  return html`<figure class="chart funnel"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="system-ui,sans-serif">
${bars.map((b, i) => {
  const w = scale(b.reached);
  let x = mid - w / 2;
  return html`<g transform="translate(0 ${i * row + 2})"><title>${b.label}: ${shownCount(b.reached)}; ${FUNNEL_PARTS.map((p) => `${partName(p)} ${shownCount(b.parts[p])}`).join(", ")}</title>
  <text x="${labelW - 6}" y="14" text-anchor="end">${b.label}</text>
  <rect x="${(mid - w / 2).toFixed(1)}" y="2" height="16" width="${w.toFixed(1)}" fill="${isSuppressed(b.reached) ? SUPPRESSED : BAR}"/>
  <text x="${width - 4}" y="14" text-anchor="end" class="count">${shownCount(b.reached)}</text>
  ${FUNNEL_PARTS.filter((p) => b.parts[p] > 0).map((p) => {
    const pw = scale(b.parts[p]);
    const part = html`<rect x="${x.toFixed(1)}" y="21" height="7" width="${pw.toFixed(1)}" fill="${isSuppressed(b.parts[p]) ? SUPPRESSED : FUNNEL_COLOURS[p]}"/>`;
    x += pw;
    return part;
  })}</g>`;
})}
<g transform="translate(8 ${height - 24})">${FUNNEL_PARTS.map((p, i) => html`<rect x="${(i % 2) * 280}" y="${Math.floor(i / 2) * 18 - 9}" width="10" height="10" fill="${FUNNEL_COLOURS[p]}"/><text x="${(i % 2) * 280 + 14}" y="${Math.floor(i / 2) * 18}">${partName(p)}</text>`)}</g>
</svg></figure>`;
}
