import type { CannedChoice, TemplateChoice } from "../domain/canned/for-person.ts";
import { preview } from "./canned-pages.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";
import type { StaffText } from "./staff-text.ts";

/**
 * The reply box's canned replies, picked by name. Without script "Insert" reloads the page with the text in
 * the reply box (`?canned=<id>`); with canned.js it goes in at the cursor at once, from the option's
 * data-text, which the server filled for this person.
 */
export function cannedPicker(
  x: StaffText,
  contactId: number,
  replies: readonly CannedChoice[],
  chosen: CannedChoice | undefined,
): Html {
  if (replies.length === 0) return html``;
  return html`<form method="get" action="/staff/conversations/${contactId}#latest" class="row canned-pick">
  <label for="canned">${x.t("canned.reply")}</label><select id="canned" name="canned">${replies.map(
    (r) =>
      html`<option value="${r.id}" data-text="${r.text}" data-note="${cannedNote(x, r)}"${chosen?.id === r.id ? html` selected` : ""}>${r.name}${r.fallback ? x.t("canned.english") : ""}</option>`,
  )}</select><button class="secondary">${x.t("canned.insert")}</button></form>`;
}

/** What the caseworker should know before sending an inserted reply: English only, a placeholder to fill. */
export function cannedNote({ t }: StaffText, r: CannedChoice): string {
  const notes = [
    r.fallback ? t("canned.fallbackNote") : "",
    r.missing.length > 0 ? t("canned.fillIn", { fields: r.missing.map((m) => `{{${m}}}`).join(", ") }) : "",
  ];
  return notes.filter(Boolean).join(" ");
}

/** Outside WhatsApp's window: the approved templates, each as the person would read it, and a button to send it. */
export function templateList(
  x: StaffText,
  contactId: number,
  csrf: string,
  templates: readonly TemplateChoice[],
  configured: boolean,
): Html {
  const send = (canned: number | undefined, label: string) =>
    html`<form class="inline" method="post" action="/staff/conversations/${contactId}/template">${csrfField(csrf)}${canned === undefined ? "" : html`<input type="hidden" name="canned" value="${canned}">`}<button>${label}</button></form>`;
  if (templates.length === 0 && !configured) return html`<p>${x.t("canned.noTemplate")}</p>`;
  return html`<ul class="inbox templates">${templates.map(
    (
      t,
    ) => html`<li class="card"><div class="row"><strong>${t.name}</strong>${t.fallback ? html`<span class="badge">${x.t("canned.englishBadge")}</span>` : ""}</div>
  ${preview(t.language, t.text)}${send(t.id, x.t("canned.sendNamed", { name: t.name }))}</li>`,
  )}${configured ? html`<li class="card">${send(undefined, x.t("canned.sendApproved"))}</li>` : ""}</ul>`;
}
