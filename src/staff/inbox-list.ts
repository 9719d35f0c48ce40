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
import { maskPhone, REASON_LABEL, STATUS_LABEL, waited } from "./pages.ts";

/** One page of the inbox and where the pages beside it start. */
export interface InboxList {
  rows: InboxRow[];
  total: number;
  /** the last row shown: the next page starts after it */
  next?: InboxCursor;
  /** the first row shown: the previous page ends before it */
  previous?: InboxCursor;
}

const VIEW_LABEL: Record<InboxView, string> = { mine: "Mine", unassigned: "Unassigned", all: "All" };
export const CHANNEL_LABEL: Record<string, string> = { sms: "SMS", whatsapp: "WhatsApp" };
const languageName = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
export const languageLabel = (code: string | null) =>
  code ? `${languageName.of(code) ?? code} (${code})` : "language not set";

/** A preview is a glance: the start of the latest message. */
const PREVIEW_CHARS = 120;

/** The latest message as the transcript shows it: never words that were redacted or erased. */
export function preview(last: InboxRow["last"]): string {
  if (!last) return "no messages yet";
  const who = last.direction === "out" ? "Sent: " : "";
  if (last.redacted) return `${who}[redacted]`;
  if (last.personal && last.body === "") return `${who}erased (retention)`;
  const text = last.body.replace(/\s+/g, " ").trim();
  if (!text) return `${who}${last.media ? "(attachment)" : "(empty)"}`;
  return who + (text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text);
}

const listPath = (base: string, f: InboxFilter, cursor?: ["after" | "before", InboxCursor]) => {
  const q = inboxFilterQuery(f);
  if (cursor) q.set(cursor[0], cursorOf(cursor[1]));
  return `${base}${q.size ? `?${q}` : ""}`;
};

function pagerPart(list: InboxList, f: InboxFilter): Html {
  if (!list.next && !list.previous) return html``;
  return html`<nav class="row" aria-label="pages">${list.previous ? html`<a href="${listPath("/staff/inbox", f, ["before", list.previous])}" rel="prev">previous</a>` : ""}
${list.next ? html`<a href="${listPath("/staff/inbox", f, ["after", list.next])}" rel="next">next</a>` : ""}</nav>`;
}

function row(r: InboxRow, readerId: number): Html {
  const waiting = r.status === "waiting_for_person";
  return html`<li class="card${r.unread ? " unread" : ""}" data-contact="${r.contactId}"${r.urgent && waiting ? html` data-urgent` : ""}><a href="/staff/conversations/${r.contactId}">
  <div class="row">${r.urgent ? html`<span class="badge urgent">URGENT</span>` : ""}
    <span class="badge ${r.status}">${STATUS_LABEL[r.status] ?? r.status}</span>
    ${r.unread ? html`<span class="badge new">new</span>` : ""}
    <strong>${maskPhone(r.address)}</strong>
    <span>${CHANNEL_LABEL[r.channel] ?? r.channel} · ${languageLabel(r.language)}</span>
    ${r.status === "closed" ? "" : html`<span>waiting <time class="waited" datetime="${r.escalatedAt.toISOString()}">${waited(r.escalatedAt)}</time></span>`}</div>
  <div class="preview" dir="auto"${r.language ? html` lang="${r.language}"` : ""}>${preview(r.last)}</div>
  <div class="meta">${REASON_LABEL[r.reason ?? ""] ?? ""}${r.assigneeEmail ? html` · taken by ${r.assigneeId === readerId ? "you" : r.assigneeEmail}` : ""}</div>
</a></li>`;
}

/** The list and its pager: also what the page's live refresh fetches. */
export function inboxListPart(list: InboxList, f: InboxFilter, readerId: number): Html {
  const count = html`<p class="meta">${list.total} conversation${list.total === 1 ? "" : "s"}</p>`;
  // a later page can empty while it is open: the first page is one link away
  if (list.rows.length === 0)
    return list.total > 0
      ? html`<p class="card">No conversations on this page. <a href="${listPath("/staff/inbox", f)}">First page</a></p>`
      : html`<p class="card">${f.view === "all" && !f.status ? "Nobody is waiting for a person." : "No conversations here."}</p>`;
  return html`${count}<ul class="inbox">${list.rows.map((r) => row(r, readerId))}</ul>${pagerPart(list, f)}`;
}

const option = (value: string, label: string, chosen: string | undefined) =>
  html`<option value="${value}"${value === (chosen ?? "") ? html` selected` : ""}>${label}</option>`;

function filtersForm(f: InboxFilter, languages: string[], myLanguages: string[]): Html {
  return html`<form method="get" action="/staff/inbox" class="card row filters">${f.view === "all" ? "" : html`<input type="hidden" name="view" value="${f.view}">`}
  <label>language <select name="language">${option("", "any", f.language)}${option(MY_LANGUAGES, myLanguages.length ? `my languages (${myLanguages.join(", ")})` : "my languages (none set)", f.language)}${languages.map((l) => option(l, languageLabel(l), f.language))}</select></label>
  <label>channel <select name="channel">${option("", "any", f.channel)}${INBOX_CHANNELS.map((c) => option(c, CHANNEL_LABEL[c] ?? c, f.channel))}</select></label>
  <label>urgency <select name="urgency">${option("", "any", f.urgency)}${option("urgent", "urgent", f.urgency)}${option("normal", "not urgent", f.urgency)}</select></label>
  <label>status <select name="status">${option("", "waiting or with a person", f.status)}${INBOX_STATUSES.map((s) => option(s, STATUS_LABEL[s] ?? s, f.status))}</select></label>
  <button>Show</button> <a href="${listPath("/staff/inbox", { view: f.view })}">clear</a>
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
export function inboxPage(p: InboxPageInput): Html {
  const f = p.filter;
  return html`<h1>Inbox</h1>
<nav class="row tabs" aria-label="views">${INBOX_VIEWS.map((v) =>
    v === f.view
      ? html`<strong aria-current="page">${VIEW_LABEL[v]}</strong>`
      : html`<a href="${listPath("/staff/inbox", { ...f, view: v })}">${VIEW_LABEL[v]}</a>`,
  )}</nav>
${filtersForm(f, p.languages, p.reader.languages)}
<div class="row alerts"><button type="button" class="secondary" id="allow-alerts" hidden>Alert me to urgent conversations</button>
<span class="meta" id="alerts-state"></span></div>
<div id="announce" class="visually-hidden" aria-live="assertive"></div>
<div id="inbox" data-live="${p.live}">${inboxListPart(p.list, f, p.reader.id)}</div>`;
}
