import type { Response } from "express";
import type { Role } from "../domain/roles.ts";
import { type Html, html, raw } from "./html.ts";
import { navigation } from "./page-table.ts";
import { textOf } from "./staff-text.ts";

export interface PageUser {
  email: string;
  role: Role;
  csrfToken: string;
}

/** How a page is sent: its status (200), a notice above it, a wide layout for tables. */
export interface PageOptions {
  status?: number;
  notice?: string;
  wide?: boolean;
  /** a page's own script (a path under /staff/assets), after the app's */
  script?: string;
}

/**
 * Send a staff page in the reader's language and direction: header with the pages the signed-in role may open
 * (none before sign-in), sign-out, the content. Every staff module sends its pages through it.
 */
export function sendPage(res: Response, title: string, body: Html, opts: PageOptions = {}): void {
  const u = res.locals.staff;
  const { t, lng, dir } = textOf(res);
  const nav = u
    ? html`<nav class="row">${navigation(u.role).map((p) => html`<a href="/staff${p.path}">${t(`nav.${p.name}`)}</a>`)}</nav>
      <span class="who"><a href="/staff/account">${u.email}</a> (${t(`role.${u.role}`)})</span>
      <form class="inline" method="post" action="/staff/logout">${csrfField(u.csrfToken)}<button class="secondary">${t("layout.signOut")}</button></form>`
    : "";
  res
    .status(opts.status ?? 200)
    .type("html")
    .send(
      html`<!doctype html><html lang="${lng}" dir="${dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t("layout.title", { page: title })}</title><link rel="stylesheet" href="/staff/assets/app.css"></head>
<body><header><strong>Haven</strong>${nav}</header>
<main${opts.wide ? raw(' class="wide"') : ""}>${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ""}${body}</main>
<script src="/staff/assets/app.js" defer></script>${opts.script ? html`<script src="${opts.script}" defer></script>` : ""}</body></html>`
        .value,
    );
}

/** The hidden field every POST form carries (checked by the CSRF guard). */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
