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

const options = (all: string, values: readonly string[], selected: string | undefined, name: (v: string) => string) =>
  html`<option value="">${all}</option>${values.map((v) => html`<option value="${v}" ${v === selected ? "selected" : ""}>${name(v)}</option>`)}`;

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

/** A need's urgency or status (ids) as staff read them. */
const urgencyOf =
  ({ t }: StaffText) =>
  (u: string) =>
    t(`urgency.${u}`, { defaultValue: u });
const statusOf =
  ({ t }: StaffText) =>
  (s: string) =>
    t(`needStatus.${s}`, { defaultValue: s });
const asIs = (v: string) => v;

function filterForm(p: NeedsPage): Html {
  const f = p.filter;
  const { t } = p.text;
  const select = (
    name: string,
    values: readonly string[],
    selected: string | undefined,
    shown: (v: string) => string,
  ) =>
    html`<label>${t(`needs.${name}`)}<select name="${name}">${options(t("needs.all"), values, selected, shown)}</select></label>`;
  return html`<form method="get" action="/staff/needs" class="card filters" id="filters">
  <label>${t("search.from")}<input type="date" name="from" value="${f.from ?? ""}"></label>
  <label>${t("search.to")}<input type="date" name="to" value="${f.to ?? ""}"></label>
  ${select("category", SERVICES, f.category, p.text.category)}${select("urgency", URGENCIES, f.urgency, urgencyOf(p.text))}
  ${select("area", p.areas, f.area, p.text.area)}${select("language", p.languages, f.language, asIs)}
  ${select("channel", CHANNELS, f.channel, asIs)}${select("status", NEED_STATUSES, f.status, statusOf(p.text))}
  <p><button type="submit">${t("needs.filter")}</button> <a href="/staff/needs">${t("filter.clear")}</a></p>
</form>`;
}

function comparison(p: NeedsPage): Html {
  const c = p.comparison;
  const { t } = p.text;
  const form = html`<form method="post" action="/staff/needs/compare?${filterQuery(p.filter)}" class="card">${csrfField(p.csrf)}
  <label for="assessment">${p.text.h("needs.compareLabel", { example: html`<code dir="ltr">shelter,35%</code>` })}</label>
  <textarea id="assessment" name="assessment" rows="4" dir="ltr" required></textarea>
  <p><button class="secondary">${t("needs.compare")}</button></p></form>`;
  if (!c) return form;
  if ("error" in c) return html`<p class="notice error" role="alert">${c.error}</p>${form}`;
  const total = p.aggregates.total;
  const self = new Map(p.aggregates.byCategory.map((x) => [x.key, x.n]));
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const keys = SERVICES.filter((s) => c.shares.has(s) || self.has(s));
  return html`<table class="card" id="comparison"><caption>${t("needs.compareCaption")}</caption>
<tr><th>${t("needs.category")}</th><th>${t("needs.selfReported")}</th><th>${t("needs.assessment")}</th><th>${t("needs.difference")}</th></tr>
${keys.map((k) => {
  const n = self.get(k) ?? 0;
  const a = c.shares.get(k) ?? 0;
  // a share of a small group would give its count away (the total is shown)
  const small = n > 0 && n < SMALL_GROUP;
  const mine = total ? n / total : 0;
  return html`<tr><th scope="row">${p.text.category(k)}</th><td>${small ? t("needs.small", { n: SMALL_GROUP }) : pct(mine)}</td><td>${pct(a)}</td><td>${small ? "" : t("needs.points", { points: `${mine >= a ? "+" : ""}${Math.round((mine - a) * 100)}` })}</td></tr>`;
})}</table>${form}`;
}

function queue(p: NeedsPage): Html {
  const q = filterQuery(p.filter);
  const rows = p.queue.rows;
  const { area, category, t } = p.text;
  const status = statusOf(p.text);
  const col = (key: string) => t(`needs.${key}`);
  return html`<h2 id="queue">${col("queue")}</h2>
<form method="post" action="/staff/needs/bulk?${q}" class="card">${csrfField(p.csrf)}
${p.bulk ? html`<p class="notice error" role="alert">${p.bulk.error}</p>` : ""}
<div class="row bulk">
  <label>${col("status")} <select name="status" id="bulk-status">${NEED_STATUSES.map((s) => html`<option value="${s}">${status(s)}</option>`)}</select></label>
  <button name="action" value="status" class="secondary">${col("setStatus")}</button>
  <label>${col("tag")} <input name="tag" id="bulk-tag" size="10" value="${p.bulk?.tag ?? ""}"></label><button name="action" value="tag" class="secondary">${col("addTag")}</button>
  <label>${col("category")} <select name="category" id="bulk-category">${SERVICES.map((s) => html`<option value="${s}">${category(s)}</option>`)}</select></label>
  <button name="action" value="category" class="secondary">${col("correct")}</button>
</div>
${
  rows.length === 0
    ? html`<p>${col("noMatch")}</p>`
    : html`<div class="scroll"><table class="queue">
<tr><th><span class="meta">${col("select")}</span></th><th>${col("reported")}</th><th>${col("category")}</th><th>${col("urgency")}</th><th>${col("area")}</th><th>${col("language")}</th><th>${col("status")}</th><th>${col("tags")}</th><th>${col("words")}</th></tr>
${rows.map(
  (r) => html`<tr>
  <td><input type="checkbox" name="ids" value="${r.id}" aria-label="${t("needs.selectOne", { reference: r.reference })}"${p.bulk?.ticked.has(r.id) ? raw(" checked") : ""}></td>
  <td>${r.reference}<div class="meta">${r.createdAt.toISOString().slice(0, 10)} · ${r.channel}</div></td>
  <td>${r.reviewedCategory ? html`${category(r.reviewedCategory)}<div class="meta">${t("needs.said", { category: category(r.category) })}</div>` : category(r.category)}</td>
  <td>${r.risk ? html`<span class="badge urgent">${t("person.risk")}</span> ` : ""}${urgencyOf(p.text)(r.urgency)}</td><td>${r.area === OTHER_AREA && r.areaOther ? html`${area(OTHER_AREA)}: ${maskNumbers(r.areaOther)}` : area(r.area)}</td><td>${r.language}</td>
  <td><span class="badge">${status(r.status)}</span></td><td>${r.tags.join(", ")}</td>
  <td class="words" dir="auto" lang="${r.language}">${r.textErasedAt ? html`<span class="meta">${t("inbox.erased")}</span>` : maskNumbers(r.text)}${r.attachments ? html`<div class="meta">${t("needs.attachments", { count: r.attachments })}</div>` : ""}</td>
</tr>`,
)}</table></div>`
}
</form>
${pager(p.text, p.queue, { path: "/staff/needs", filters: q, anchor: "queue", newestFirst: true })}`;
}

export function needsPage(p: NeedsPage): Html {
  const q = filterQuery(p.filter);
  const a = p.aggregates;
  const x = p.text;
  const { t } = x;
  return html`<h1>${t("needs.title")}</h1>
${filterForm(p)}
<div class="card row"><strong id="total">${t("needs.total", { n: shownCount(a.total) })}</strong>
  <a href="/staff/needs/export.csv?${q}" download>${t("needs.exportRows")}</a>
  <a href="/staff/needs/aggregates.csv?${q}" download>${t("needs.exportCounts")}</a>
  <a href="/staff/needs/hxl.csv?${q}" download>${t("needs.exportHxl")}</a>
  <span class="meta">${t("needs.smallNote", { n: SMALL_GROUP })}</span></div>
<div class="charts">
${barChart(x, t("needs.perCategory"), a.byCategory, x.category)}
${weeklyChart(x, t("needs.perWeek"), a.byWeek)}
${barChart(x, t("needs.perArea"), a.byArea, x.area)}
${barChart(x, t("needs.perLanguage"), a.byLanguage)}
</div>
${comparison(p)}
${queue(p)}`;
}
