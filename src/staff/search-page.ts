import { Router } from "express";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import {
  MATCH_END,
  MATCH_START,
  PHONE_DIGITS,
  type Search,
  type SearchHit,
  searchAsksSomething,
  searchConversations,
  searchSchema,
} from "../domain/handoff/search-query.ts";
import { allow, staffOf } from "./auth.ts";
import { type Html, html } from "./html.ts";
import { CHANNEL_LABEL, languageLabel } from "./inbox-list.ts";
import { sendPage } from "./layout.ts";
import { maskPhone, statusLabel } from "./pages.ts";
import { type StaffText, textOf } from "./staff-text.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { PAGE_SIZE, pager, readPage } from "./paging.ts";

/** The words found, marked; everything else escaped (the snippet is the person's text). */
function snippet(text: string): Html {
  const parts = text.split(MATCH_START).map((part, i) => {
    if (i === 0) return html`${part}`;
    const [found = "", rest = ""] = part.split(MATCH_END);
    return html`<mark>${found}</mark>${rest}`;
  });
  return html`${parts}`;
}

function hit(x: StaffText, h: SearchHit): Html {
  const { t } = x;
  return html`<li class="card"><div class="row">
  <a href="/staff/conversations/${h.contactId}"><strong dir="ltr">${maskPhone(h.address)}</strong></a>
  <span class="badge ${h.status ?? "bot"}">${statusLabel(x, h.status ?? "bot")}</span>
  <span>${CHANNEL_LABEL[h.channel] ?? h.channel} · ${languageLabel(x, h.language)}</span>
  <span class="meta">${t("search.lastMessage", { at: x.time(h.lastAt) })}</span></div>
  ${h.snippet ? html`<div class="preview" dir="auto"${h.language ? html` lang="${h.language}"` : ""}>${snippet(h.snippet)}</div>` : ""}
  <div class="row meta">${h.references.length ? html`<span>${t("search.needs", { references: h.references.join(", ") })}</span>` : ""}
    <a href="/staff/conversations/${h.contactId}">${h.notes ? t("search.withNotes", { count: h.notes }) : t("search.conversation")}</a>
    ${h.otherContactId ? html`<a href="/staff/conversations/${h.otherContactId}">${t("search.other", { channel: CHANNEL_LABEL[h.otherChannel ?? ""] ?? h.otherChannel ?? "" })}</a>` : ""}</div>
</li>`;
}

function form({ t }: StaffText, query: Record<string, unknown>, error?: string): Html {
  const v = (k: string) => (typeof query[k] === "string" ? String(query[k]) : "");
  return html`<form method="get" action="/staff/search" class="card row filters" role="search">
  ${error ? html`<p class="notice error" role="alert">${error}</p>` : ""}
  <label>${t("search.words")} <input name="q" type="search" value="${v("q")}" placeholder="${t("search.wordsHint")}" maxlength="200"></label>
  <label>${t("search.reference")} <input name="ref" value="${v("ref")}" placeholder="N-7K3P9" size="10" maxlength="20"></label>
  <label>${t("search.phone")} <input name="phone" value="${v("phone")}" inputmode="numeric" size="5" maxlength="${PHONE_DIGITS}" pattern="[0-9]*"></label>
  <label>${t("search.from")} <input name="from" type="date" value="${v("from")}"></label>
  <label>${t("search.to")} <input name="to" type="date" value="${v("to")}"></label>
  <button>${t("nav.search")}</button></form>`;
}

const queryOf = (s: Search) =>
  new URLSearchParams(Object.entries(s).filter((e): e is [string, string] => typeof e[1] === "string")).toString();

/**
 * /staff/search: conversations open or closed, by words the person or a caseworker wrote, a need's reference,
 * the phone's last digits and a period. Caseworkers find people handed to staff; admins everyone. Each search is audited
 * (what was asked, how many found), as opening a record is.
 */
export function searchPage(prisma: Prisma): Router {
  const router = Router();
  router.get(STAFF_PAGES.search.path, allow("search"), async (req, res) => {
    const x = textOf(res);
    const title = x.t("nav.search");
    const parsed = searchSchema.safeParse(req.query);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      return sendPage(res, title, html`<h1>${title}</h1>${form(x, req.query, reason)}`, { status: 400 });
    }
    const s = parsed.data;
    if (!searchAsksSomething(s))
      return sendPage(
        res,
        title,
        html`<h1>${title}</h1>${form(x, req.query)}<p class="meta">${x.t("search.intro")}</p>`,
      );
    const staff = staffOf(res);
    const found = await readPage(req.query, PAGE_SIZE, (w) => searchConversations(prisma, s, staff, w));
    await audit(prisma, {
      staffUserId: staff.id,
      action: "searched",
      detail: { ...s, found: found.rows.length, page: found.page },
    });
    const body = html`<h1>${title}</h1>${form(x, req.query)}
${found.rows.length ? html`<ul class="inbox">${found.rows.map((h) => hit(x, h))}</ul>` : html`<p class="card">${x.t("search.nobody")}</p>`}
${pager(x, found, { path: "/staff/search", filters: queryOf(s) })}`;
    sendPage(res, title, body);
  });
  return router;
}
