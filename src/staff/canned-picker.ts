import type { CannedChoice, TemplateChoice } from "../domain/canned/for-person.ts";
import { preview } from "./canned-pages.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";

/**
 * The reply box's canned replies, picked by name. Without script "Insert" reloads the page with the text in
 * the reply box (`?canned=<id>`); with canned.js it goes in at the cursor at once, from the option's
 * data-text, which the server filled for this person.
 */
export function cannedPicker(
  contactId: number,
  replies: readonly CannedChoice[],
  chosen: CannedChoice | undefined,
): Html {
  if (replies.length === 0) return html``;
  return html`<form method="get" action="/staff/conversations/${contactId}#latest" class="row canned-pick">
  <label for="canned">Canned reply</label><select id="canned" name="canned">${replies.map(
    (r) =>
      html`<option value="${r.id}" data-text="${r.text}" data-note="${cannedNote(r)}"${chosen?.id === r.id ? html` selected` : ""}>${r.name}${r.fallback ? " (English)" : ""}</option>`,
  )}</select><button class="secondary">Insert</button></form>`;
}

/** What the caseworker should know before sending an inserted reply: English only, a placeholder to fill. */
export function cannedNote(r: CannedChoice): string {
  const notes = [
    r.fallback ? "No text in the person's language: this is the English one." : "",
    r.missing.length > 0 ? `Fill in ${r.missing.map((m) => `{{${m}}}`).join(", ")}: this person has none.` : "",
  ];
  return notes.filter(Boolean).join(" ");
}

/** Outside WhatsApp's window: the approved templates, each as the person would read it, and a button to send it. */
export function templateList(
  contactId: number,
  csrf: string,
  templates: readonly TemplateChoice[],
  configured: boolean,
): Html {
  const send = (canned: number | undefined, label: string) =>
    html`<form class="inline" method="post" action="/staff/conversations/${contactId}/template">${csrfField(csrf)}${canned === undefined ? "" : html`<input type="hidden" name="canned" value="${canned}">`}<button>${label}</button></form>`;
  if (templates.length === 0 && !configured)
    return html`<p>No template is configured (TWILIO_TEMPLATE_CONTENT_SID, or a template under Canned replies).</p>`;
  return html`<ul class="inbox templates">${templates.map(
    (
      t,
    ) => html`<li class="card"><div class="row"><strong>${t.name}</strong>${t.fallback ? html`<span class="badge">English: none in the person's language</span>` : ""}</div>
  ${preview(t.language, t.text)}${send(t.id, `Send “${t.name}”`)}</li>`,
  )}${configured ? html`<li class="card">${send(undefined, "Send the approved template")}</li>` : ""}</ul>`;
}
