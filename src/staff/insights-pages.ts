import type { Flow, Flows } from "../engine/index.ts";
import type { FunnelPoint } from "../domain/insights/funnel-repository.ts";
import { type InsightsFilter, type Period, periodDays } from "../domain/insights/period.ts";
import { CHANNELS, SMALL_GROUP, shownCount } from "../domain/needs/dashboard.ts";
import { FUNNEL_PARTS, funnelChart } from "./charts.ts";
import { type Html, html } from "./html.ts";
import type { StaffText } from "./staff-text.ts";

export const INSIGHTS = "/staff/insights";

/** What the insights pages' filter form offers and shows. */
export interface InsightsForm {
  filter: InsightsFilter;
  period: Period;
  /** flows to choose from (the funnel page only) */
  flows?: string[];
  languages: readonly string[];
  text: StaffText;
}

const choice = (all: string, values: readonly string[], selected: string | undefined) =>
  html`${all ? html`<option value="">${all}</option>` : ""}${values.map((v) => html`<option value="${v}" ${v === selected ? "selected" : ""}>${v}</option>`)}`;

/** The tabs and the filters, shared by the funnel and the outcomes page. */
export function insightsHeader(f: InsightsForm, tab: "journeys" | "outcomes"): Html {
  const { t } = f.text;
  const days = periodDays(f.period);
  const tabLink = (name: "journeys" | "outcomes", path: string) =>
    name === tab
      ? html`<strong>${t(`insights.${name}`)}</strong>`
      : html`<a href="${path}">${t(`insights.${name}`)}</a>`;
  const select = (name: string, values: readonly string[], selected: string | undefined, all = t("needs.all")) =>
    html`<label>${t(`insights.${name}`)}<select name="${name}">${choice(all, values, selected)}</select></label>`;
  return html`<h1>${t("insights.title")}</h1>
<p class="row tabs">${tabLink("journeys", INSIGHTS)} ${tabLink("outcomes", `${INSIGHTS}/outcomes`)}</p>
<form method="get" class="card filters" id="filters">
  <label>${t("search.from")}<input type="date" name="from" value="${days.from}"></label>
  <label>${t("search.to")}<input type="date" name="to" value="${days.to}"></label>
  ${f.flows ? select("flow", f.flows, f.filter.flow, "") : ""}
  ${select("language", f.languages, f.filter.language)}${select("channel", CHANNELS, f.filter.channel)}
  <p><button type="submit">${t("needs.filter")}</button></p>
</form>
<p class="meta">${t("insights.smallNote", { n: SMALL_GROUP })}</p>`;
}

/** The points in the flow's order (each node, then its action's outcomes), points of removed nodes last. */
export function inFlowOrder(points: FunnelPoint[], flow: Flow | undefined): FunnelPoint[] {
  const order = new Map<string, number>();
  for (const [id, node] of flow?.nodes ?? []) {
    order.set(`${id}/`, order.size);
    if (node.type === "action")
      for (const outcome of Object.keys(node.outcomes)) order.set(`${id}/${outcome}`, order.size);
  }
  const rank = (p: FunnelPoint) => order.get(`${p.node}/${p.outcome}`) ?? Number.MAX_SAFE_INTEGER;
  return [...points].sort((a, b) => rank(a) - rank(b) || a.node.localeCompare(b.node));
}

const pointLabel = (p: FunnelPoint) => (p.outcome ? `${p.node} → ${p.outcome}` : p.node);

export interface FunnelPage extends InsightsForm {
  flow: string;
  points: FunnelPoint[];
  leftAfterMinutes: number;
}

export function funnelPage(p: FunnelPage, flows: Flows): Html {
  const { t } = p.text;
  const points = inFlowOrder(p.points, flows.get(p.flow));
  const bars = points.map((x) => ({ label: pointLabel(x), reached: x.reached, parts: x }));
  return html`${insightsHeader(p, "journeys")}
<p class="meta">${t("insights.leftNote", { count: p.leftAfterMinutes })}</p>
${funnelChart(p.text, t("insights.funnelOf", { flow: p.flow }), bars)}
<div class="scroll"><table id="funnel"><caption class="meta">${p.flow}</caption>
<tr><th>${t("insights.node")}</th><th>${t("insights.reached")}</th>${FUNNEL_PARTS.map((k) => html`<th>${t(`insights.${k}`)}</th>`)}</tr>
${points.map(
  (x) =>
    html`<tr><th scope="row" dir="ltr">${pointLabel(x)}</th><td>${shownCount(x.reached)}</td>${FUNNEL_PARTS.map((k) => html`<td>${shownCount(x[k])}</td>`)}</tr>`,
)}</table></div>`;
}
