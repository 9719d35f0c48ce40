import type { LocaleSummary, TextRow } from "../domain/content/service.ts";
import type { LanguageFinding } from "../domain/content/publish.ts";
import { type Html, html } from "./html.ts";
import { languageLabel } from "./inbox-list.ts";
import type { StaffText } from "./staff-text.ts";
import { csrfField } from "./layout.ts";
import { smsCostBadge } from "./sms-cost.ts";
import { preview } from "./canned-pages.ts";

export const TEXTS = "/staff/texts";

const stateLabel = (x: StaffText, state: TextRow["state"]) => x.t(`texts.state_${state}`);

/** What a text costs on each channel: SMS segments (warned past 3 without a shorter `_sms` text), WhatsApp one message. */
export function channelCost(x: StaffText, text: string, hasSmsVariant: boolean): Html {
  const sms = hasSmsVariant
    ? smsCostBadge(x, text, undefined, ` · ${x.t("texts.smsVariant")}`)
    : smsCostBadge(x, text, "texts.smsOver");
  return html`${sms} <span class="badge">${x.t("texts.whatsappChars", { count: [...text].length })}</span>`;
}

/** The locale picker and the journey (locale file) tabs above the texts. */
export function textsNav(
  x: StaffText,
  languages: readonly string[],
  language: string,
  journeys: string[],
  journey: string,
): Html {
  return html`<form method="get" action="${TEXTS}" class="row filters">
  <label>${x.t("texts.language")} <select name="lng">${languages.map(
    (l) => html`<option value="${l}"${l === language ? html` selected` : ""}>${languageLabel(x, l)}</option>`,
  )}</select></label><input type="hidden" name="journey" value="${journey}"><button class="secondary">${x.t("filter.show")}</button></form>
<p class="row tabs">${journeys.map((j) =>
    j === journey ? html`<strong>${j}</strong>` : html`<a href="${TEXTS}?lng=${language}&amp;journey=${j}">${j}</a>`,
  )}</p>`;
}

/** One text: English beside the locale's text (and its draft), cost per channel, state, where it is used. */
/**
 * A text as the person reads it; a word list folded under its length, since a language's risk words run to
 * hundreds of lines (thousands of pixels on a phone) above the form that edits them.
 */
function shownText(x: StaffText, row: TextRow, language: string, text: string): Html {
  if (!row.list) return preview(language, text);
  // "(show)" only while it is folded
  return html`<details class="words"><summary>${x.t("texts.listLength", { n: text.split("\n").length })} <span class="folded">${x.t("texts.listShow")}</span></summary>${preview(language, text)}</details>`;
}

export function textCard(
  x: StaffText,
  row: TextRow,
  language: string,
  english: string,
  keys: ReadonlySet<string>,
): Html {
  const { t } = x;
  const shown = row.draft?.text ?? row.target ?? "";
  const hasSms = keys.has(`${row.key}_sms`);
  const edit = `${TEXTS}/edit?lng=${encodeURIComponent(language)}&key=${encodeURIComponent(row.key)}`;
  return html`<li class="card text" id="${row.key}"><div class="row"><code>${row.key}</code>
  <span class="badge${row.state === "stale" || row.state === "missing" ? " urgent" : ""}">${language === english ? t("texts.source") : stateLabel(x, row.state)}</span>
  ${row.draft ? html`<span class="badge new">${t("texts.draftBy", { by: row.draft.by })}</span>` : ""}<a href="${edit}">${t("texts.edit")}</a></div>
  ${language === english ? "" : html`<p class="meta">${t("texts.english")}</p>${shownText(x, row, english, row.source)}`}
  <p class="meta">${languageLabel(x, language)}${row.draft ? ` ${t("texts.draftMark")}` : ""}</p>${shown ? shownText(x, row, language, shown) : html`<p class="meta">${t("texts.notTranslated")}</p>`}
  ${shown && !row.list ? html`<p class="row">${channelCost(x, shown, hasSms)}</p>` : ""}
  <p class="meta">${row.uses.length ? t("texts.usedIn", { uses: row.uses.join(", ") }) : t("texts.usedByCode")}</p></li>`;
}

export function editForm(
  x: StaffText,
  row: TextRow,
  language: string,
  english: string,
  csrf: string,
  findings: Html = html``,
): Html {
  const { t } = x;
  const text = row.draft?.text ?? row.target ?? "";
  const field = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  const hidden = html`${csrfField(csrf)}${field("lng", language)}${field("key", row.key)}`;
  return html`<h1>${x.h("texts.editHeading", { key: html`<code>${row.key}</code>` })}</h1>${findings}
<div class="card"><p class="meta">${t("texts.english")}${row.uses.length ? ` · ${t("texts.usedInShort", { uses: row.uses.join(", ") })}` : ""}</p>${shownText(x, row, english, row.source)}${row.note ? html`<p class="meta">${row.note}</p>` : ""}</div>
<form method="post" action="${TEXTS}/draft" class="card">${hidden}
  <label for="text">${languageLabel(x, language)}${row.list ? ` ${t("texts.replyWords")}` : ""}</label>
  <textarea id="text" name="text" rows="6" dir="auto" lang="${language}">${text}</textarea>
  ${text && !row.list ? html`<p class="row">${channelCost(x, text, false)}</p><p class="meta">${t("texts.previewAs")}</p>${preview(language, text)}` : ""}
  <p><button>${t("texts.saveDraft")}</button> <a href="${TEXTS}?lng=${language}#${row.key}">${t("texts.back")}</a></p></form>
${row.draft ? html`<form method="post" action="${TEXTS}/discard" class="inline">${hidden}<button class="secondary">${t("texts.discard")}</button></form>` : ""}
${
  language !== english && row.target !== undefined
    ? html`<form method="post" action="${TEXTS}/review" class="card">${hidden}
  <p>${t("texts.reviewState")} <strong>${stateLabel(x, row.state)}</strong>${row.review ? html` (${t("texts.reviewedBy", { by: row.review.by, day: row.review.at.slice(0, 10) })})` : ""}</p>
  <button>${t("texts.markReviewed")}</button></form>`
    : ""
}`;
}

export function findingsList(x: StaffText, findings: readonly LanguageFinding[]): Html {
  return html`<div class="card error" role="alert"><p>${x.t("texts.fixFirst")}</p><ul>${findings.map(
    (f) =>
      html`<li><a href="${TEXTS}/edit?lng=${f.language}&amp;key=${encodeURIComponent(f.key)}">${f.language} <code>${f.key}</code></a> ${f.reason}</li>`,
  )}</ul></div>`;
}

/** The locale table's columns after the language, in order; the first three and drafts keep a locale from complete. */
const COLUMNS = ["missing", "unreviewed", "stale", "reviewed", "drafts", "complete"] as const;
const BLOCKS = ["missing", "unreviewed", "stale", "drafts"] as const;

/** Per locale: how many texts are in each review state, and what keeps it from complete. */
export function localesTable(x: StaffText, rows: readonly LocaleSummary[]): Html {
  const { t } = x;
  const column = (name: string) => t(`texts.column_${name}`);
  const cell = (name: string, value: string | number) => html`<td data-label="${column(name)}">${value}</td>`;
  return html`<table class="cards"><thead><tr><th>${t("texts.language")}</th>${COLUMNS.map((c) => html`<th>${column(c)}</th>`)}</tr></thead><tbody>
${rows.map((r) => {
  const counts = { ...r.counts, drafts: r.drafts };
  // the counts that keep the language from complete, as "3 stale"
  const blocks = BLOCKS.filter((b) => counts[b]).map((b) => t(`texts.block_${b}`, { count: counts[b] }));
  return html`<tr><td><a href="${TEXTS}?lng=${r.language}">${languageLabel(x, r.language)}</a></td>
  ${BLOCKS.slice(0, 3).map((b) => cell(b, counts[b]))}${cell("reviewed", r.counts.reviewed)}${cell("drafts", r.drafts)}
  ${cell("complete", blocks.length ? t("texts.incomplete", { blocks: blocks.join(", ") }) : t("texts.complete"))}</tr>`;
})}</tbody></table>`;
}
