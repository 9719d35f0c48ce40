import type { Response } from "express";
import { type Html, html, raw } from "./html.ts";

export interface PageUser {
  email: string;
  role: string;
  csrfToken: string;
}

/** How a page is sent: its status (200), a notice above it, a wide layout for tables. */
export interface PageOptions {
  status?: number;
  notice?: string;
  wide?: boolean;
  /** a page's own script file, after app.js */
  script?: string;
}

/**
 * Send a staff page: header with the pages the signed-in role may open (none before sign-in),
 * sign-out, the content. Every staff module sends its pages through it.
 */
export function sendPage(res: Response, title: string, body: Html, opts: PageOptions = {}): void {
  const u = res.locals.staff;
  const nav = u
    ? html`<nav class="row">${u.role !== "analyst" ? html`<a href="/staff/inbox">Inbox</a><a href="/staff/search">Search</a><a href="/staff/referrals">Referrals</a>` : ""}${u.role !== "caseworker" ? html`<a href="/staff/needs">Needs</a>` : ""}
        ${u.role === "admin" ? html`<a href="/staff/partners">Partners</a><a href="/staff/cases">Cases</a><a href="/staff/users">Accounts</a><a href="/staff/audit">Audit log</a>` : ""}</nav>
      <span class="who"><a href="/staff/account">${u.email}</a> (${u.role})</span>
      <form class="inline" method="post" action="/staff/logout">${csrfField(u.csrfToken)}<button class="secondary">Sign out</button></form>`
    : "";
  res
    .status(opts.status ?? 200)
    .type("html")
    .send(
      html`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Haven staff</title><link rel="stylesheet" href="/staff/assets/app.css"></head>
<body><header><strong>Haven</strong>${nav}</header>
<main${opts.wide ? raw(' class="wide"') : ""}>${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ""}${body}</main>
<script src="/staff/assets/app.js" defer></script>${opts.script ? html`<script src="${opts.script}" defer></script>` : ""}</body></html>`
        .value,
    );
}

/** The hidden field every POST form carries (checked by the CSRF guard). */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
