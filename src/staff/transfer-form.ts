import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";
import type { StaffText } from "./staff-text.ts";

export interface Colleague {
  id: number;
  email: string;
  languages: string[];
}

/**
 * "Pass to a colleague": those who work in the person's language first. Offered to whoever may pass the
 * conversation on (its holder or an admin; anyone while it waits), as HandoffService.transfer decides.
 */
export function transferForm(
  { t }: StaffText,
  p: {
    contactId: number;
    csrf: string;
    colleagues: Colleague[];
    holderId: number | null;
    language: string | null;
  },
): Html {
  const others = p.colleagues.filter((c) => c.id !== p.holderId);
  if (others.length === 0) return html``;
  const speaks = (c: Colleague) => p.language !== null && c.languages.includes(p.language);
  const ordered = [...others.filter(speaks), ...others.filter((c) => !speaks(c))];
  return html`<form method="post" action="/staff/conversations/${p.contactId}/transfer" class="card row filters">${csrfField(p.csrf)}
  <label>${t("transfer.label")} <select name="to" required>${ordered.map(
    (c) => html`<option value="${c.id}">${c.email}${c.languages.length ? ` (${c.languages.join(", ")})` : ""}</option>`,
  )}</select></label>
  <button class="secondary">${t("transfer.submit")}</button></form>`;
}
