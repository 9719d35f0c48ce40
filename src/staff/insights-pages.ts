import type { Flow, Flows } from "../engine/index.ts";
import type { FunnelPoint } from "../domain/insights/funnel-repository.ts";
import type { Count, HandoffFigures, Wait } from "../domain/insights/outcomes-repository.ts";
import { REFERRAL_STATUSES } from "../domain/partners/referral.ts";
import { type InsightsFilter, type Period, periodDays } from "../domain/insights/period.ts";
import { CHANNELS, isSuppressed, NEED_STATUSES, SMALL_GROUP, shownCount } from "../domain/needs/dashboard.ts";
import { barChart, FUNNEL_PARTS, funnelChart } from "./charts.ts";
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
  return html`${insightsHeader({ ...p, filter: { ...p.filter, flow: p.flow } }, "journeys")}
<p class="meta">${t("insights.countsNote")} ${t("insights.leftNote", { count: p.leftAfterMinutes })}</p>
<div class="charts">${funnelChart(p.text, t("insights.funnelOf", { flow: p.flow }), bars)}</div>
<div class="scroll"><table id="funnel"><caption class="meta">${p.flow}</caption>
<tr><th>${t("insights.node")}</th><th>${t("insights.reached")}</th>${FUNNEL_PARTS.map((k) => html`<th>${t(`insights.${k}`)}</th>`)}</tr>
${points.map(
  (x) =>
    html`<tr><th scope="row" dir="ltr">${pointLabel(x)}</th><td>${shownCount(x.reached)}</td>${FUNNEL_PARTS.map((k) => html`<td>${shownCount(x[k])}</td>`)}</tr>`,
)}</table></div>`;
}

export interface OutcomesPage extends InsightsForm {
  lookups: Count[];
  referrals: Count[];
  /** of those, moved to received by the partner's own account */
  receivedByPartner: number;
  needs: Count[];
  handoff: HandoffFigures;
}

/** A duration in the reader's words: minutes under an hour, hours under two days, else days. */
function duration({ t }: StaffText, seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("insights.minutes", { count: minutes });
  const hours = Math.round(seconds / 360) / 10;
  return hours < 48 ? t("insights.hours", { count: hours }) : t("insights.days", { count: Math.round(hours / 24) });
}

/** A share of a count in a total: not for a small group, whose share would give its size away. */
const share = (n: number, total: number) =>
  isSuppressed(n) || total === 0 ? "" : ` (${Math.round((n / total) * 100)}%)`;

/** In the order of a list of known keys (statuses), keys it does not know after them. */
const ordered = (counts: Count[], keys: readonly string[]) =>
  [...counts].sort((a, b) => (keys.indexOf(a.key) + 1 || 99) - (keys.indexOf(b.key) + 1 || 99));

function waitsTable(x: StaffText, caption: string, head: string, waits: Wait[], label: (k: string) => string): Html {
  const { t } = x;
  return html`<table class="waits"><caption>${caption}</caption>
<tr><th>${head}</th><th>${t("insights.conversations")}</th><th>${t("insights.p50")}</th><th>${t("insights.p90")}</th></tr>
${waits.map((w) => {
  const small = isSuppressed(w.n);
  return html`<tr><th scope="row">${label(w.key)}</th><td>${shownCount(w.n)}</td><td>${small ? "–" : duration(x, w.p50)}</td><td>${small ? "–" : duration(x, w.p90)}</td></tr>`;
})}</table>`;
}

export function outcomesPage(p: OutcomesPage): Html {
  const x = p.text;
  const { t } = x;
  const h = p.handoff;
  const made = p.referrals.reduce((s, r) => s + r.n, 0);
  const none = t("insights.nothing");
  return html`${insightsHeader(p, "outcomes")}
<div class="charts">
${barChart(x, t("insights.caseLookups"), p.lookups, (k) => t(`insights.lookup.${k}`, { defaultValue: k }), none)}
<div>${barChart(x, t("insights.referralsMade", { n: shownCount(made) }), ordered(p.referrals, REFERRAL_STATUSES), (k) => t(`referralStatus.${k}`, { defaultValue: k }), none)}
<p id="received-by-partner">${t("insights.receivedByPartner", { n: shownCount(p.receivedByPartner) })}</p></div>
${barChart(x, t("insights.needsByStatus"), ordered(p.needs, NEED_STATUSES), (k) => t(`needStatus.${k}`, { defaultValue: k }), none)}
</div>
<h2>${t("insights.handoffs")}</h2>
<dl class="card figures" id="handoff">
  <dt>${t("insights.people")}</dt><dd>${shownCount(h.people)}</dd>
  <dt>${t("insights.handedOver")}</dt><dd>${shownCount(h.handedOver)}${share(h.handedOver, h.people)}</dd>
  <dt>${t("insights.outOfHours")}</dt><dd>${h.outOfHours === undefined ? t("insights.noOfficeHours") : html`${shownCount(h.outOfHours)}${share(h.outOfHours, h.handedOver)}`}</dd>
  <dt>${t("insights.toClose")}</dt><dd>${h.toClose && !isSuppressed(h.toClose.n) ? t("insights.closeWait", { n: h.toClose.n, p50: duration(x, h.toClose.p50), p90: duration(x, h.toClose.p90) }) : "–"}</dd>
</dl>
<div class="scroll">
${waitsTable(x, t("insights.firstReplyByUrgency"), t("insights.urgency"), h.firstReplyByUrgency, (k) => t(`insights.${k}`))}
${waitsTable(x, t("insights.firstReplyByLanguage"), t("insights.language"), h.firstReplyByLanguage, (k) => k || t("insights.unknown"))}
<table id="caseworkers"><caption>${t("insights.perCaseworker")}</caption>
<tr><th>${t("insights.caseworker")}</th><th>${t("insights.conversations")}</th></tr>
${h.perCaseworker.map((c) => html`<tr><th scope="row">${c.key || t("insights.unassigned")}</th><td>${shownCount(c.n)}</td></tr>`)}</table>
</div>`;
}
