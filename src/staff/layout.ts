import { type Html, html, raw } from "./html.ts";

export interface PageUser {
  email: string;
  role: string;
  csrfToken: string;
}

/**
 * Every staff page: header with the pages the role may open, sign-out, the content. Other modules
 * (e.g. the needs dashboard) render their pages through it.
 */
export function layout(page: { title: string; user?: PageUser; body: Html; notice?: string; wide?: boolean }): Html {
  const u = page.user;
  const nav = u
    ? html`<nav class="row">${u.role !== "analyst" ? html`<a href="/staff/inbox">Inbox</a><a href="/staff/referrals">Referrals</a>` : ""}${u.role !== "caseworker" ? html`<a href="/staff/needs">Needs</a>` : ""}
        ${u.role === "admin" ? html`<a href="/staff/partners">Partners</a><a href="/staff/cases">Cases</a><a href="/staff/users">Accounts</a><a href="/staff/audit">Audit log</a>` : ""}</nav>
      <span class="who">${u.email} (${u.role})</span>
      <form class="inline" method="post" action="/staff/logout">${csrfField(u.csrfToken)}<button class="secondary" style="color:#17324d">Sign out</button></form>`
    : "";
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${page.title} · Haven staff</title><link rel="stylesheet" href="/staff/assets/app.css"></head>
<body><header><strong>Haven</strong>${nav}</header>
<main${page.wide ? raw(' class="wide"') : ""}>${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ""}${page.body}</main>
<script src="/staff/assets/app.js" defer></script></body></html>`;
}

/** The hidden field every POST form carries (checked by the CSRF guard). */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
