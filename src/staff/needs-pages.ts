import { maskNumbers } from "../i18n/mask-numbers.ts";
import {
  CHANNELS,
  filterQuery,
  NEED_STATUSES,
  type NeedFilter,
  SMALL_GROUP,
  shownCount,
} from "../domain/needs/dashboard.ts";
import type { NeedAggregates, NeedRow } from "../domain/needs/dashboard-repository.ts";
import { URGENCIES } from "../domain/needs/need.ts";
import { OTHER_AREA } from "../domain/areas/area-labels.ts";
import { SERVICES, type Service } from "../domain/services.ts";
import { barChart, weeklyChart } from "./charts.ts";
import { type Html, html, raw } from "./html.ts";
import type { StaffText } from "./staff-text.ts";
import { csrfField } from "./layout.ts";
import { PAGE_SIZE, type Paged, pager } from "./paging.ts";

/** The review queue's page: the bulk form posts at most this many ticked needs. */
export const QUEUE_PAGE = PAGE_SIZE;

const label = (key: string) => key.replace(/_/g, " ");
const options = (values: readonly string[], selected: string | undefined, name: (v: string) => string) =>
  html`<option value="">all</option>${values.map((v) => html`<option value="${v}" ${v === selected ? "selected" : ""}>${name(v)}</option>`)}`;

export interface NeedsPage {
  filter: NeedFilter;
  aggregates: NeedAggregates;
  /** the review queue's page of rows */
  queue: Paged<NeedRow>;
  /** areas and languages seen in any need, for the filter lists */
  areas: string[];
  languages: string[];
  csrf: string;
  /** the reader's texts and area and category labels; the filters' values and the exports keep the ids */
  text: StaffText;
  comparison?: { shares: Map<Service, number> } | { error: string };
  /** a bulk action that was not done: why, with the needs that were ticked and the tag typed kept */
  bulk?: { error: string; ticked: Set<number>; tag?: string };
}

function filterForm(p: NeedsPage): Html {
  const f = p.filter;
  const select = (name: string, values: readonly string[], selected: string | undefined, shown = label) =>
    html`<label>${name}<select name="${name}">${options(values, selected, shown)}</select></label>`;
  return html`<form method="get" action="/staff/needs" class="card filters" id="filters">
  <label>from<input type="date" name="from" value="${f.from ?? ""}"></label>
  <label>to<input type="date" name="to" value="${f.to ?? ""}"></label>
  ${select("category", SERVICES, f.category, p.text.category)}${select("urgency", URGENCIES, f.urgency)}
  ${select("area", p.areas, f.area, p.text.area)}${select("language", p.languages, f.language)}
  ${select("channel", CHANNELS, f.channel)}${select("status", NEED_STATUSES, f.status)}
  <p><button type="submit">Filter</button> <a href="/staff/needs">clear</a></p>
</form>`;
}

function comparison(p: NeedsPage): Html {
  const c = p.comparison;
  const form = html`<form method="post" action="/staff/needs/compare?${filterQuery(p.filter)}" class="card">${csrfField(p.csrf)}
  <label for="assessment">Compare with an organisation's needs assessment: paste its CSV (category,share per line, e.g. <code>shelter,35%</code>)</label>
  <textarea id="assessment" name="assessment" rows="4" required></textarea>
  <p><button class="secondary">Compare</button></p></form>`;
  if (!c) return form;
  if ("error" in c) return html`<p class="notice error" role="alert">${c.error}</p>${form}`;
  const total = p.aggregates.total;
  const self = new Map(p.aggregates.byCategory.map((x) => [x.key, x.n]));
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const keys = SERVICES.filter((s) => c.shares.has(s) || self.has(s));
  return html`<table class="card" id="comparison"><caption>Self-reported (these filters) beside the assessment</caption>
<tr><th>category</th><th>self-reported</th><th>assessment</th><th>difference</th></tr>
${keys.map((k) => {
  const n = self.get(k) ?? 0;
  const a = c.shares.get(k) ?? 0;
  // a share of a small group would give its count away (the total is shown)
  const small = n > 0 && n < SMALL_GROUP;
  const mine = total ? n / total : 0;
  return html`<tr><th scope="row">${p.text.category(k)}</th><td>${small ? `<${SMALL_GROUP} needs` : pct(mine)}</td><td>${pct(a)}</td><td>${small ? "" : `${mine >= a ? "+" : ""}${Math.round((mine - a) * 100)} points`}</td></tr>`;
})}</table>${form}`;
}

function queue(p: NeedsPage): Html {
  const q = filterQuery(p.filter);
  const rows = p.queue.rows;
  const { area, category } = p.text;
  return html`<h2 id="queue">Review queue</h2>
<form method="post" action="/staff/needs/bulk?${q}" class="card">${csrfField(p.csrf)}
${p.bulk ? html`<p class="notice error" role="alert">${p.bulk.error}</p>` : ""}
<div class="row bulk">
  <label>status <select name="status" id="bulk-status">${NEED_STATUSES.map((s) => html`<option value="${s}">${s}</option>`)}</select></label>
  <button name="action" value="status" class="secondary">Set status</button>
  <label>tag <input name="tag" id="bulk-tag" size="10" value="${p.bulk?.tag ?? ""}"></label><button name="action" value="tag" class="secondary">Add tag</button>
  <label>category <select name="category" id="bulk-category">${SERVICES.map((s) => html`<option value="${s}">${category(s)}</option>`)}</select></label>
  <button name="action" value="category" class="secondary">Correct category</button>
</div>
${
  rows.length === 0
    ? html`<p>No needs match.</p>`
    : html`<div class="scroll"><table class="queue">
<tr><th><span class="meta">select</span></th><th>reported</th><th>category</th><th>urgency</th><th>area</th><th>language</th><th>status</th><th>tags</th><th>in their words</th></tr>
${rows.map(
  (r) => html`<tr>
  <td><input type="checkbox" name="ids" value="${r.id}" aria-label="select ${r.reference}"${p.bulk?.ticked.has(r.id) ? raw(" checked") : ""}></td>
  <td>${r.reference}<div class="meta">${r.createdAt.toISOString().slice(0, 10)} · ${r.channel}</div></td>
  <td>${r.reviewedCategory ? html`${category(r.reviewedCategory)}<div class="meta">said: ${category(r.category)}</div>` : category(r.category)}</td>
  <td>${r.risk ? html`<span class="badge urgent">RISK</span> ` : ""}${label(r.urgency)}</td><td>${r.area === OTHER_AREA && r.areaOther ? html`${area(OTHER_AREA)}: ${maskNumbers(r.areaOther)}` : area(r.area)}</td><td>${r.language}</td>
  <td><span class="badge">${r.status}</span></td><td>${r.tags.join(", ")}</td>
  <td class="words">${r.textErasedAt ? html`<span class="meta">erased (retention)</span>` : maskNumbers(r.text)}${r.attachments ? html`<div class="meta">${r.attachments} voice note/photo</div>` : ""}</td>
</tr>`,
)}</table></div>`
}
</form>
${pager(p.text, p.queue, { path: "/staff/needs", filters: q, anchor: "queue", newestFirst: true })}`;
}

export function needsPage(p: NeedsPage): Html {
  const q = filterQuery(p.filter);
  const a = p.aggregates;
  return html`<h1>Needs people reported</h1>
${filterForm(p)}
<div class="card row"><strong id="total">${shownCount(a.total)} needs</strong>
  <a href="/staff/needs/export.csv?${q}" download>Export rows (CSV)</a>
  <a href="/staff/needs/aggregates.csv?${q}" download>Export counts (CSV)</a>
  <a href="/staff/needs/hxl.csv?${q}" download>Export counts for HDX (HXL CSV)</a>
  <span class="meta">Groups of fewer than ${SMALL_GROUP} show as "&lt;${SMALL_GROUP}". Category is the corrected one where staff corrected it.</span></div>
<div class="charts">
${barChart("Needs per category", a.byCategory, p.text.category)}
${weeklyChart("Needs per week, by urgency", a.byWeek)}
${barChart("Needs per area", a.byArea, p.text.area)}
${barChart("Needs per language", a.byLanguage)}
</div>
${comparison(p)}
${queue(p)}`;
}
