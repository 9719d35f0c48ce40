import type { LocaleSummary, TextRow } from "../domain/content/service.ts";
import type { LanguageFinding } from "../domain/content/publish.ts";
import { MAX_SMS_SEGMENTS, smsSize } from "../i18n/sms-segments.ts";
import { type Html, html } from "./html.ts";
import { languageLabel } from "./inbox-list.ts";
import type { StaffText } from "./staff-text.ts";
import { csrfField } from "./layout.ts";
import { preview } from "./canned-pages.ts";

export const TEXTS = "/staff/texts";

const STATE_LABEL: Record<TextRow["state"], string> = {
  missing: "not translated",
  unreviewed: "unreviewed",
  reviewed: "reviewed",
  stale: "stale: English changed since review",
};

/** What a text costs on each channel: SMS segments (warned past 3 without a shorter `_sms` text), WhatsApp one message. */
export function channelCost(text: string, hasSmsVariant: boolean): Html {
  const size = smsSize(text);
  const note = `SMS: ${size.segments} segment${size.segments === 1 ? "" : "s"} (${size.encoding})`;
  const sms =
    size.segments > MAX_SMS_SEGMENTS && !hasSmsVariant
      ? html`<span class="badge urgent">${note}: over ${MAX_SMS_SEGMENTS}, add an SMS variant</span>`
      : html`<span class="badge">${note}${hasSmsVariant ? " · SMS sends the _sms text" : ""}</span>`;
  return html`${sms} <span class="badge">WhatsApp: ${[...text].length} characters</span>`;
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
  <label>Language <select name="lng">${languages.map(
    (l) => html`<option value="${l}"${l === language ? html` selected` : ""}>${languageLabel(x, l)}</option>`,
  )}</select></label><input type="hidden" name="journey" value="${journey}"><button class="secondary">Show</button></form>
<p class="row tabs">${journeys.map((j) =>
    j === journey ? html`<strong>${j}</strong>` : html`<a href="${TEXTS}?lng=${language}&amp;journey=${j}">${j}</a>`,
  )}</p>`;
}

/** One text: English beside the locale's text (and its draft), cost per channel, state, where it is used. */
export function textCard(
  x: StaffText,
  row: TextRow,
  language: string,
  english: string,
  keys: ReadonlySet<string>,
): Html {
  const shown = row.draft?.text ?? row.target ?? "";
  const hasSms = keys.has(`${row.key}_sms`);
  const edit = `${TEXTS}/edit?lng=${encodeURIComponent(language)}&key=${encodeURIComponent(row.key)}`;
  return html`<li class="card text" id="${row.key}"><div class="row"><code>${row.key}</code>
  <span class="badge${row.state === "stale" || row.state === "missing" ? " urgent" : ""}">${language === english ? "source" : STATE_LABEL[row.state]}</span>
  ${row.draft ? html`<span class="badge new">draft by ${row.draft.by}</span>` : ""}<a href="${edit}">Edit</a></div>
  ${language === english ? "" : html`<p class="meta">English</p>${preview(english, row.source)}`}
  <p class="meta">${languageLabel(x, language)}${row.draft ? " (draft)" : ""}</p>${shown ? preview(language, shown) : html`<p class="meta">Not translated yet.</p>`}
  ${shown && !row.list ? html`<p class="row">${channelCost(shown, hasSms)}</p>` : ""}
  <p class="meta">${row.uses.length ? `Used in ${row.uses.join(", ")}` : "Used by the code or inside other texts"}</p></li>`;
}

export function editForm(
  x: StaffText,
  row: TextRow,
  language: string,
  english: string,
  csrf: string,
  findings: Html = html``,
): Html {
  const text = row.draft?.text ?? row.target ?? "";
  const field = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  const hidden = html`${csrfField(csrf)}${field("lng", language)}${field("key", row.key)}`;
  return html`<h1>Edit <code>${row.key}</code></h1>${findings}
<div class="card"><p class="meta">English${row.uses.length ? ` · used in ${row.uses.join(", ")}` : ""}</p>${preview(english, row.source)}${row.note ? html`<p class="meta">${row.note}</p>` : ""}</div>
<form method="post" action="${TEXTS}/draft" class="card">${hidden}
  <label for="text">${languageLabel(x, language)}${row.list ? " (reply words, one a line)" : ""}</label>
  <textarea id="text" name="text" rows="6" dir="auto" lang="${language}">${text}</textarea>
  ${text && !row.list ? html`<p class="row">${channelCost(text, false)}</p><p class="meta">Preview as the person reads it:</p>${preview(language, text)}` : ""}
  <p><button>Save draft</button> <a href="${TEXTS}?lng=${language}#${row.key}">Back</a></p></form>
${row.draft ? html`<form method="post" action="${TEXTS}/discard" class="inline">${hidden}<button class="secondary">Discard the draft</button></form>` : ""}
${
  language !== english && row.target !== undefined
    ? html`<form method="post" action="${TEXTS}/review" class="card">${hidden}
  <p>Review state: <strong>${STATE_LABEL[row.state]}</strong>${row.review ? html` (by ${row.review.by}, ${row.review.at.slice(0, 10)})` : ""}</p>
  <button>Mark the published text reviewed</button></form>`
    : ""
}`;
}

export function findingsList(findings: readonly LanguageFinding[]): Html {
  return html`<div class="card error" role="alert"><p>Not published: fix these texts first.</p><ul>${findings.map(
    (f) =>
      html`<li><a href="${TEXTS}/edit?lng=${f.language}&amp;key=${encodeURIComponent(f.key)}">${f.language} <code>${f.key}</code></a> ${f.reason}</li>`,
  )}</ul></div>`;
}

/** Per locale: how many texts are in each review state, and what keeps it from complete. */
export function localesTable(x: StaffText, rows: readonly LocaleSummary[]): Html {
  return html`<table class="cards"><thead><tr><th>Language</th><th>Not translated</th><th>Unreviewed</th><th>Stale</th><th>Reviewed</th><th>Drafts</th><th>Complete?</th></tr></thead><tbody>
${rows.map((r) => {
  const blocks = [
    r.counts.missing ? `${r.counts.missing} not translated` : "",
    r.counts.unreviewed ? `${r.counts.unreviewed} unreviewed` : "",
    r.counts.stale ? `${r.counts.stale} stale` : "",
    r.drafts ? `${r.drafts} drafts to publish` : "",
  ].filter(Boolean);
  return html`<tr><td><a href="${TEXTS}?lng=${r.language}">${languageLabel(x, r.language)}</a></td><td data-label="Not translated">${r.counts.missing}</td>
  <td data-label="Unreviewed">${r.counts.unreviewed}</td><td data-label="Stale">${r.counts.stale}</td><td data-label="Reviewed">${r.counts.reviewed}</td>
  <td data-label="Drafts">${r.drafts}</td><td data-label="Complete?">${blocks.length ? `No: ${blocks.join(", ")}` : "Yes"}</td></tr>`;
})}</tbody></table>`;
}
