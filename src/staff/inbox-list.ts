import { languageName } from "../i18n/language-code.ts";
import {
  cursorOf,
  INBOX_CHANNELS,
  INBOX_STATUSES,
  INBOX_VIEWS,
  type InboxCursor,
  type InboxFilter,
  type InboxView,
  inboxFilterQuery,
  MY_LANGUAGES,
} from "../domain/handoff/inbox-filter.ts";
import type { InboxRow } from "../domain/handoff/inbox-query.ts";
import { type Html, html } from "./html.ts";
import { maskPhone, reasonLabel, statusLabel, waited, waitedTexts } from "./pages.ts";
import type { StaffText } from "./staff-text.ts";

/** One page of the inbox and where the pages beside it start. */
export interface InboxList {
  rows: InboxRow[];
  total: number;
  /** the last row shown: the next page starts after it */
  next?: InboxCursor;
  /** the first row shown: the previous page ends before it */
  previous?: InboxCursor;
}

export const CHANNEL_LABEL: Record<string, string> = { sms: "SMS", whatsapp: "WhatsApp" };
/** A person's language in the reader's: "Arabic (ar)", "arabe (ar)". */
export function languageLabel({ t, lng }: StaffText, code: string | null): string {
  if (!code) return t("inbox.noLanguage");
  return `${languageName(code, lng)} (${code})`;
}

/** A preview is a glance: the start of the latest message. */
const PREVIEW_CHARS = 120;

/** The latest message as the transcript shows it: never words that were redacted or erased. */
export function preview({ t }: StaffText, last: InboxRow["last"]): string {
  if (!last) return t("inbox.noMessages");
  const text = last.body.replace(/\s+/g, " ").trim();
  const shown = last.redacted
    ? t("inbox.redacted")
    : last.personal && last.body === ""
      ? t("inbox.erased")
      : !text
        ? t(last.media ? "inbox.attachment" : "inbox.empty")
        : text.length > PREVIEW_CHARS
          ? `${text.slice(0, PREVIEW_CHARS - 1)}…`
          : text;
  return last.direction === "out" ? t("inbox.sent", { text: shown }) : shown;
}

const listPath = (base: string, f: InboxFilter, cursor?: ["after" | "before", InboxCursor]) => {
  const q = inboxFilterQuery(f);
  if (cursor) q.set(cursor[0], cursorOf(cursor[1]));
  return `${base}${q.size ? `?${q}` : ""}`;
};

function pagerPart({ t }: StaffText, list: InboxList, f: InboxFilter): Html {
  if (!list.next && !list.previous) return html``;
  return html`<nav class="row" aria-label="${t("paging.pages")}">${list.previous ? html`<a href="${listPath("/staff/inbox", f, ["before", list.previous])}" rel="prev">${t("paging.previous")}</a>` : ""}
${list.next ? html`<a href="${listPath("/staff/inbox", f, ["after", list.next])}" rel="next">${t("paging.next")}</a>` : ""}</nav>`;
}

function row(x: StaffText, r: InboxRow, readerId: number): Html {
  const { t } = x;
  const waiting = r.status === "waiting_for_person";
  return html`<li class="card${r.unread ? " unread" : ""}" data-contact="${r.contactId}"${r.urgent && waiting ? html` data-urgent` : ""}><a href="/staff/conversations/${r.contactId}">
  <div class="row">${r.urgent ? html`<span class="badge urgent">${t("inbox.urgent")}</span>` : ""}
    <span class="badge ${r.status}">${statusLabel(x, r.status)}</span>
    ${r.unread ? html`<span class="badge new">${t("inbox.new")}</span>` : ""}
    <strong dir="ltr">${maskPhone(r.address)}</strong>
    <span>${CHANNEL_LABEL[r.channel] ?? r.channel} · ${languageLabel(x, r.language)}</span>
    ${r.status === "closed" ? "" : html`<span>${x.h("inbox.waiting", { time: html`<time class="waited" datetime="${r.escalatedAt.toISOString()}">${waited(x, r.escalatedAt)}</time>` })}</span>`}</div>
  <div class="preview" dir="auto"${r.language ? html` lang="${r.language}"` : ""}>${preview(x, r.last)}</div>
  <div class="meta">${reasonLabel(x, r.reason)}${r.assigneeEmail ? html` · ${r.assigneeId === readerId ? t("inbox.takenByYou") : t("inbox.takenBy", { who: r.assigneeEmail })}` : ""}</div>
</a></li>`;
}

/** The list and its pager: also what the page's live refresh fetches. */
export function inboxListPart(x: StaffText, list: InboxList, f: InboxFilter, readerId: number): Html {
  const { t } = x;
  const count = html`<p class="meta">${t("inbox.count", { count: list.total })}</p>`;
  // a later page can empty while it is open: the first page is one link away
  if (list.rows.length === 0)
    return list.total > 0
      ? html`<p class="card">${t("inbox.emptyPage")} <a href="${listPath("/staff/inbox", f)}">${t("paging.first")}</a></p>`
      : html`<p class="card">${f.view === "all" && !f.status ? t("inbox.nobodyWaiting") : t("inbox.none")}</p>`;
  return html`${count}<ul class="inbox">${list.rows.map((r) => row(x, r, readerId))}</ul>${pagerPart(x, list, f)}`;
}

const option = (value: string, label: string, chosen: string | undefined) =>
  html`<option value="${value}"${value === (chosen ?? "") ? html` selected` : ""}>${label}</option>`;

function filtersForm(x: StaffText, f: InboxFilter, languages: string[], myLanguages: string[]): Html {
  const { t } = x;
  const any = t("filter.any");
  const mine = myLanguages.length ? t("filter.myLanguages", { codes: myLanguages.join(", ") }) : t("filter.myNone");
  return html`<form method="get" action="/staff/inbox" class="card row filters">${f.view === "all" ? "" : html`<input type="hidden" name="view" value="${f.view}">`}
  <label>${t("filter.language")} <select name="language">${option("", any, f.language)}${option(MY_LANGUAGES, mine, f.language)}${languages.map((l) => option(l, languageLabel(x, l), f.language))}</select></label>
  <label>${t("filter.channel")} <select name="channel">${option("", any, f.channel)}${INBOX_CHANNELS.map((c) => option(c, CHANNEL_LABEL[c] ?? c, f.channel))}</select></label>
  <label>${t("filter.urgency")} <select name="urgency">${option("", any, f.urgency)}${option("urgent", t("filter.urgent"), f.urgency)}${option("normal", t("filter.notUrgent"), f.urgency)}</select></label>
  <label>${t("filter.status")} <select name="status">${option("", t("filter.open"), f.status)}${INBOX_STATUSES.map((s) => option(s, statusLabel(x, s), f.status))}</select></label>
  <button>${t("filter.show")}</button> <a href="${listPath("/staff/inbox", { view: f.view })}">${t("filter.clear")}</a>
</form>`;
}

export interface InboxPageInput {
  list: InboxList;
  filter: InboxFilter;
  /** the live refresh's address: this page's view, filters and cursor */
  live: string;
  reader: { id: number; languages: string[] };
  /** the help line's locales, for the language filter */
  languages: string[];
}

/**
 * The inbox: views, filters, the list (refreshed live), and what makes urgency reach people: a button to
 * allow notifications and a screen-reader announcement region (src/staff/inbox-script.ts fills it).
 */
export function inboxPage(x: StaffText, p: InboxPageInput): Html {
  const { t } = x;
  const f = p.filter;
  const view = (v: InboxView) => t(`inbox.view_${v}`);
  // the texts the page's script shows (src/staff/inbox-script.ts)
  const scriptTexts = {
    ...waitedTexts(x),
    ...Object.fromEntries(ALERT_TEXTS.map((k) => [k, t(`alerts.${k}`, { by: "{by}" })])),
  };
  return html`<h1>${t("nav.inbox")}</h1>
<nav class="row tabs" aria-label="${t("inbox.views")}">${INBOX_VIEWS.map((v) =>
    v === f.view
      ? html`<strong aria-current="page">${view(v)}</strong>`
      : html`<a href="${listPath("/staff/inbox", { ...f, view: v })}">${view(v)}</a>`,
  )}</nav>
${filtersForm(x, f, p.languages, p.reader.languages)}
<div class="row alerts"><button type="button" class="secondary" id="allow-alerts" hidden>${t("alerts.allow")}</button>
<span class="meta" id="alerts-state"></span></div>
<div id="announce" class="visually-hidden" aria-live="assertive" data-texts="${JSON.stringify(scriptTexts)}"></div>
<div id="inbox" data-live="${p.live}">${inboxListPart(x, p.list, f, p.reader.id)}</div>`;
}

/** The alerts' texts the inbox's script reads from the page; "passedBy" holds {by}. */
const ALERT_TEXTS = ["cannot", "on", "blocked", "urgent", "passed", "passedBy"] as const;
