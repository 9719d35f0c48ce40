import { z } from "zod";
import type { RowWindow } from "../domain/paging.ts";
import { type Html, html } from "./html.ts";
import type { StaffText } from "./staff-text.ts";

/** Rows per page of the staff lists. */
export const PAGE_SIZE = 50;

// a page number past any real list (or not a number) shows the first page, not an error
const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

export interface Paged<T> {
  rows: T[];
  page: number;
  size: number;
  /** there are rows after this page */
  more: boolean;
  /** all rows of the list with its filters, where counting them is cheap */
  total?: number;
}

/**
 * Page `?page=n` of a list, by offset: every staff list pages the same way. One row more than shown
 * is read, so "next" appears only when there is a next page, with or without a count.
 */
export async function readPage<T>(
  query: { page?: unknown },
  size: number,
  read: (window: RowWindow) => Promise<T[]>,
  count?: () => Promise<number>,
): Promise<Paged<T>> {
  const page = pageNumber.parse(query.page);
  const [rows, total] = await Promise.all([read({ skip: (page - 1) * size, take: size + 1 }), count?.()]);
  return { rows: rows.slice(0, size), page, size, more: rows.length > size, total };
}

export interface PagerLinks {
  /** the list's address, e.g. /staff/referrals */
  path: string;
  /** the list's filters as a query string (without page), kept by the links */
  filters: string;
  /** where on the page the list starts, e.g. "queue" */
  anchor?: string;
  /** lists shown newest first say "newer" and "older" instead of "previous" and "next" */
  newestFirst?: boolean;
}

/** Previous and next links that keep the filters, and which rows of how many are shown. */
export function pager({ t }: StaffText, p: Paged<unknown>, links: PagerLinks): Html {
  const [previous, next] = links.newestFirst
    ? [t("paging.newer"), t("paging.older")]
    : [t("paging.previous"), t("paging.next")];
  const href = (n: number) => {
    const q = new URLSearchParams(links.filters);
    if (n > 1) q.set("page", String(n));
    const query = q.toString();
    return `${links.path}${query ? `?${query}` : ""}${links.anchor ? `#${links.anchor}` : ""}`;
  };
  const first = (p.page - 1) * p.size + 1;
  const shown = p.rows.length
    ? html`<span class="meta">${p.total === undefined ? t("paging.shown", { first, last: first + p.rows.length - 1 }) : t("paging.shownOf", { first, last: first + p.rows.length - 1, total: p.total })}</span>`
    : "";
  if (p.page === 1 && !p.more) return html``;
  return html`<nav class="row" aria-label="${t("paging.pages")}">${p.page > 1 ? html`<a href="${href(p.page - 1)}" rel="prev">${previous}</a>` : ""}
${shown}${p.more ? html`<a href="${href(p.page + 1)}" rel="next">${next}</a>` : ""}</nav>`;
}
