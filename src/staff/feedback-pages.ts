import { FEEDBACK_STATUSES } from "../domain/feedback/feedback.ts";
import type { FeedbackRow } from "../domain/feedback/repository.ts";
import { maskNumbers } from "../i18n/mask-numbers.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";
import { type Paged, pager } from "./paging.ts";
import type { StaffText } from "./staff-text.ts";

export interface FeedbackQueuePage {
  /** under /staff: where the status forms post */
  path: string;
  list: Paged<FeedbackRow>;
  csrf: string;
  text: StaffText;
}

/** One piece of feedback: what the person said, and the form that moves its status on. */
function card(p: FeedbackQueuePage, r: FeedbackRow): Html {
  const { t } = p.text;
  const options = FEEDBACK_STATUSES.map(
    (s) => html`<option value="${s}" ${s === r.status ? "selected" : ""}>${t(`feedback.status.${s}`)}</option>`,
  );
  return html`<li class="card"><div class="row"><strong>${r.reference}</strong>
  <span class="badge">${t(`feedback.kind.${r.kind}`)}</span>
  <span class="meta">${r.createdAt.toISOString().slice(0, 10)} · ${r.language}</span></div>
  <p class="preview" dir="auto" lang="${r.language}">${maskNumbers(r.text)}</p>
  <form class="row" method="post" action="/staff${p.path}/${r.id}/status">${csrfField(p.csrf)}
  <label>${t("feedback.statusLabel")} <select name="status">${options}</select></label>
  <button>${t("feedback.change")}</button></form></li>`;
}

/** A queue of feedback, newest first, a page at a time. */
export function feedbackQueuePage(p: FeedbackQueuePage, title: string, intro: string): Html {
  const { t } = p.text;
  const { rows } = p.list;
  return html`<h1>${title}</h1><p class="meta">${intro}</p>${
    rows.length
      ? html`<ul class="inbox">${rows.map((r) => card(p, r))}</ul>`
      : html`<p class="card">${t("feedback.none")}</p>`
  }${pager(p.text, p.list, { path: `/staff${p.path}`, filters: "", newestFirst: true })}`;
}
