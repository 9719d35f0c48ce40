import { isSuppressed, SMALL_GROUP, shownCount } from "../domain/needs/dashboard.ts";
import type { Period } from "../domain/needs/dashboard.ts";
import type { MissingRow, Tally } from "../domain/helpfulness/report.ts";
import { maskNumbers } from "../i18n/mask-numbers.ts";
import { type Html, html } from "./html.ts";
import type { StaffText } from "./staff-text.ts";

export interface HelpfulnessPage {
  period: Period;
  byJourney: Tally[];
  byCaseworker: Tally[];
  /** what people said was missing; undefined for a role that may not read people's words */
  missing: MissingRow[] | undefined;
  text: StaffText;
}

/** A journey's name for staff: the flow's, or "after a handoff". */
const journeyLabel = (text: StaffText, journey: string) =>
  text.t(`helpfulness.journey.${journey}`, { defaultValue: journey });

/** The share who said yes, unless a count of 1-4 could be worked out from it and the total shown. */
function shareYes(t: Tally): string {
  const answered = t.yes + t.no;
  if (answered === 0 || isSuppressed(t.yes) || isSuppressed(t.no)) return "";
  return `${Math.round((100 * t.yes) / answered)}%`;
}

/** A count as it may be shown, kept left to right ("<5" would read "5>" inside Arabic). */
const ltr = (shown: string) => html`<bdi dir="ltr">${shown}</bdi>`;

/**
 * Yes, no and no answer as shown: 1-4 as "<5"; when only one of them is that small, the smallest other one that
 * is not 0 is shown as "5+" too, or "asked" minus the two shown would give the small one away.
 */
function shownParts(t: Tally): string[] {
  const parts = [t.yes, t.no, t.asked - t.yes - t.no];
  const others = parts.filter((n) => n >= SMALL_GROUP);
  const alsoHidden = parts.filter(isSuppressed).length === 1 ? parts.indexOf(Math.min(...others)) : -1;
  return parts.map((n, i) => (i === alsoHidden ? `${SMALL_GROUP}+` : shownCount(n)));
}

function table(p: HelpfulnessPage, id: string, heading: string, rows: Tally[], label: (key: string) => string): Html {
  const { t } = p.text;
  if (rows.length === 0) return html`<h2>${heading}</h2><p class="card">${t("helpfulness.none")}</p>`;
  return html`<h2>${heading}</h2><div class="scroll"><table class="card tally" id="${id}">
<tr><th></th><th>${t("helpfulness.asked")}</th><th>${t("helpfulness.yes")}</th><th>${t("helpfulness.no")}</th><th>${t("helpfulness.unanswered")}</th><th>${t("helpfulness.shareYes")}</th></tr>
${rows.map(
  (r) =>
    html`<tr><th scope="row">${label(r.key)}</th><td>${ltr(shownCount(r.asked))}</td>${shownParts(r).map((n) => html`<td>${ltr(n)}</td>`)}<td>${shareYes(r)}</td></tr>`,
)}</table></div>`;
}

function missingList(p: HelpfulnessPage, rows: MissingRow[]): Html {
  const { t } = p.text;
  return html`<h2>${t("helpfulness.missing")}</h2>${
    rows.length === 0
      ? html`<p class="card">${t("helpfulness.none")}</p>`
      : html`<ul class="inbox" id="missing">${rows.map(
          (r) => html`<li class="card"><div class="row"><span class="badge">${journeyLabel(p.text, r.journey)}</span>
  <span class="meta">${r.askedAt.toISOString().slice(0, 10)} · ${r.language}${r.caseworker ? ` · ${r.caseworker.email}` : ""}</span></div>
  <p class="preview" dir="auto" lang="${r.language}">${maskNumbers(r.missing ?? "")}</p></li>`,
        )}</ul>`
  }`;
}

/** /staff/helpfulness: "Did this help?" answered per journey and per caseworker, and (for readers) what was missing. */
export function helpfulnessPage(p: HelpfulnessPage): Html {
  const { t } = p.text;
  const { from, to } = p.period;
  return html`<h1>${t("nav.helpfulness")}</h1><p class="meta">${t("helpfulness.intro")}</p>
<form method="get" action="/staff/helpfulness" class="card filters" id="filters">
  <label>${t("search.from")}<input type="date" name="from" value="${from ?? ""}"></label>
  <label>${t("search.to")}<input type="date" name="to" value="${to ?? ""}"></label>
  <p><button type="submit">${t("needs.filter")}</button> <a href="/staff/helpfulness">${t("filter.clear")}</a></p>
</form>
<p class="meta">${t("helpfulness.smallNote", { n: SMALL_GROUP })}</p>
${table(p, "by-journey", t("helpfulness.perJourney"), p.byJourney, (k) => journeyLabel(p.text, k))}
${table(p, "by-caseworker", t("helpfulness.perCaseworker"), p.byCaseworker, (k) => k || t("helpfulness.noCaseworker"))}
${p.missing ? missingList(p, p.missing) : ""}`;
}
