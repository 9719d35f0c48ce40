import type { personSummary } from "../domain/handoff/person-repository.ts";
import { type Html, html } from "./html.ts";
import { CHANNEL_LABEL, languageLabel } from "./inbox-list.ts";
import { maskPhone } from "./pages.ts";
import type { StaffText } from "./staff-text.ts";
import type { ConversationView } from "./transcript.ts";

export type PersonSummary = Awaited<ReturnType<typeof personSummary>>;
type Detail = ConversationView["detail"];

/** Whether we may write first (news about their file, announcements), as the person answered; read-only. */
function consent({ t, time }: StaffText, d: Detail): Html | string {
  if (d.updatesConsent === null || !d.updatesConsentAt) return t("person.notAnswered");
  return html`${d.updatesConsent ? t("person.mayWrite") : t("person.onlyAnswers")} <span class="meta">${time(d.updatesConsentAt)}</span>`;
}

/** A link where the viewer's role has a page for it, else the words alone. */
const linkIf = (href: string | undefined, content: Html | string) =>
  href ? html`<a href="${href}">${content}</a>` : content;

/** A status or urgency id (`needStatus.new`, `urgency.today`...) as staff read it; an unknown one as itself. */
const word = ({ t }: StaffText, group: string, id: string) => t(`${group}.${id}`, { defaultValue: id });

/**
 * The person at a glance, beside the conversation: who they are to us (language, channel, first and last
 * contact), what they asked for (needs, referrals), the case they checked, handoffs (the earlier ones and this one) and notes.
 * Only admins see the whole phone number, and only admins get links to the pages only they open.
 */
export function personPanel(x: StaffText, p: { d: Detail; person: PersonSummary; admin: boolean }): Html {
  const { d, person, admin } = p;
  const { t, time } = x;
  const section = (key: string, id: string, items: Html[]) =>
    html`<section aria-labelledby="${id}"><h3 id="${id}">${t(`person.${key}.title`)}</h3>${items.length ? html`<ul>${items}</ul>` : html`<p class="meta">${t(`person.${key}.none`)}</p>`}</section>`;
  return html`<aside class="person card" aria-label="${t("person.title")}">
<h2>${t("person.title")}</h2>
<dl>
  <dt>${t("person.phone")}</dt><dd dir="ltr">${admin ? d.address : maskPhone(d.address)}</dd>
  <dt>${t("person.language")}</dt><dd>${d.language ? languageLabel(x, d.language) : t("person.noLanguage")}</dd>
  <dt>${t("person.channel")}</dt><dd>${CHANNEL_LABEL[d.channel] ?? d.channel}</dd>
  <dt>${t("person.first")}</dt><dd>${time(d.createdAt)}</dd>
  <dt>${t("person.last")}</dt><dd>${d.lastInboundAt ? time(d.lastInboundAt) : t("person.noMessage")}</dd>
  <dt>${t("person.notice")}</dt><dd>${d.noticeVersion !== null && d.noticeSeenAt ? t("person.noticeSeen", { version: d.noticeVersion, at: time(d.noticeSeenAt) }) : t("person.noticeNotShown")}</dd>
  <dt>${t("person.fromUs")}</dt><dd>${consent(x, d)}</dd>
</dl>
${section(
  "needs",
  "panel-needs",
  d.needs.map(
    (
      n,
    ) => html`<li id="need-${n.id}">${n.risk ? html`<span class="badge urgent">${t("person.risk")}</span>` : ""}${linkIf(admin ? `/staff/needs?category=${n.category}#queue` : undefined, html`<strong>${n.reference}</strong>`)}
  <span class="badge">${word(x, "needStatus", n.status)}</span> <span>${x.category(n.category)} · ${word(x, "urgency", n.urgency)}</span> <span class="meta">${time(n.createdAt)}</span>
  ${n.textErasedAt ? html`<div class="meta">${t("person.wordsErased")}</div>` : n.text ? html`<div class="words" dir="auto" lang="${d.language ?? undefined}">${n.text}</div>` : ""}</li>`,
  ),
)}
${section(
  "referrals",
  "panel-referrals",
  person.referrals.map(
    (r) =>
      html`<li>${x.h("person.referralTo", {
        service: linkIf(`/staff/referrals?status=${r.status}`, html`${x.category(r.service)}`),
        partner: linkIf(admin ? `/staff/partners/${r.partner.id}` : undefined, html`${r.partner.name}`),
      })}
  <span class="badge">${word(x, "referralStatus", r.status)}</span> <span class="meta">${time(r.createdAt)}</span></li>`,
  ),
)}
${section(
  "case",
  "panel-case",
  person.verifiedCase
    ? [
        html`<li>${linkIf(admin ? "/staff/cases" : undefined, html`<strong dir="ltr">${person.verifiedCase.caseNumber}</strong>`)} <span class="badge">${t("person.verified")}</span>
  <span>${person.verifiedCase.stage}</span> <span class="meta">${t("person.checked", { at: time(person.verifiedCase.checkedAt) })}</span></li>`,
      ]
    : [],
)}
${section(
  "handoffs",
  "panel-handoffs",
  person.handoffs.map(
    (
      h,
    ) => html`<li>${linkIf(admin ? `/staff/audit?contact=${d.id}&action=${h.action}` : undefined, word(x, "handoff", h.action))}
  ${h.staffUser ? t("person.by", { who: h.staffUser.email }) : ""} <span class="meta">${time(h.at)}</span></li>`,
  ),
)}
${section(
  "notes",
  "notes",
  d.notes.map(
    (n) => html`<li id="note-${n.id}"><div class="words">${n.body}</div>
  <div class="meta">${n.heldBy ? t("person.noteOnHeld", { who: n.staffUser.email, holder: n.heldBy.email }) : n.staffUser.email} · ${time(n.createdAt)}</div></li>`,
  ),
)}
</aside>`;
}
