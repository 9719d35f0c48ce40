import type { personSummary } from "../domain/handoff/person-repository.ts";
import { type Html, html } from "./html.ts";
import type { Labels } from "./labels.ts";
import { maskPhone } from "./pages.ts";
import type { ConversationView } from "./transcript.ts";

export type PersonSummary = Awaited<ReturnType<typeof personSummary>>;
type Detail = ConversationView["detail"];

const HANDOFF_LABEL: Record<string, string> = {
  took: "taken",
  handed_back: "handed back to the bot",
  closed: "closed",
  person_stopped: "ended by the person (STOP)",
};

/** Whether we may write first (news about their file, announcements), as the person answered; read-only. */
function consent(d: Detail, t: Labels["time"]): Html | string {
  if (d.updatesConsent === null || !d.updatesConsentAt) return "not answered";
  return html`${d.updatesConsent ? "yes, we may write first" : "no, only answers"} <span class="meta">${t(d.updatesConsentAt)}</span>`;
}

/** A link where the viewer's role has a page for it, else the words alone. */
const linkIf = (href: string | undefined, content: Html | string) =>
  href ? html`<a href="${href}">${content}</a>` : content;

/**
 * The person at a glance, beside the conversation: who they are to us (language, channel, first and last
 * contact), what they asked for (needs, referrals), the case they checked, handoffs (the earlier ones and this one) and notes.
 * Only admins see the whole phone number, and only admins get links to the pages only they open.
 */
export function personPanel(p: { d: Detail; person: PersonSummary; labels: Labels; admin: boolean }): Html {
  const { d, person, labels, admin } = p;
  const t = labels.time;
  const section = (title: string, id: string, items: Html[], empty: string) =>
    html`<section aria-labelledby="${id}"><h3 id="${id}">${title}</h3>${items.length ? html`<ul>${items}</ul>` : html`<p class="meta">${empty}</p>`}</section>`;
  return html`<aside class="person card" aria-label="The person">
<h2>The person</h2>
<dl>
  <dt>Phone</dt><dd dir="ltr">${admin ? d.address : maskPhone(d.address)}</dd>
  <dt>Language</dt><dd>${d.language ?? "not chosen yet"}</dd>
  <dt>Channel</dt><dd>${d.channel === "whatsapp" ? "WhatsApp" : "SMS"}</dd>
  <dt>First contact</dt><dd>${t(d.createdAt)}</dd>
  <dt>Last message</dt><dd>${d.lastInboundAt ? t(d.lastInboundAt) : "none"}</dd>
  <dt>Privacy notice</dt><dd>${d.noticeVersion !== null && d.noticeSeenAt ? html`version ${d.noticeVersion}, seen ${t(d.noticeSeenAt)}` : "not shown yet"}</dd>
  <dt>Messages from us</dt><dd>${consent(d, t)}</dd>
</dl>
${section(
  "Needs reported",
  "panel-needs",
  d.needs.map(
    (
      n,
    ) => html`<li id="need-${n.id}">${n.risk ? html`<span class="badge urgent">RISK</span>` : ""}${linkIf(admin ? `/staff/needs?category=${n.category}#queue` : undefined, html`<strong>${n.reference}</strong>`)}
  <span class="badge">${n.status}</span> <span>${labels.category(n.category)} · ${n.urgency}</span> <span class="meta">${t(n.createdAt)}</span>
  ${n.textErasedAt ? html`<div class="meta">their words: erased (retention)</div>` : n.text ? html`<div class="words" dir="auto" lang="${d.language ?? undefined}">${n.text}</div>` : ""}</li>`,
  ),
  "No needs reported.",
)}
${section(
  "Referrals",
  "panel-referrals",
  person.referrals.map(
    (
      r,
    ) => html`<li>${linkIf(`/staff/referrals?status=${r.status}`, html`${labels.category(r.service)}`)} to ${linkIf(admin ? `/staff/partners/${r.partner.id}` : undefined, r.partner.name)}
  <span class="badge">${r.status}</span> <span class="meta">${t(r.createdAt)}</span></li>`,
  ),
  "No referrals.",
)}
${section(
  "Case",
  "panel-case",
  person.verifiedCase
    ? [
        html`<li>${linkIf(admin ? "/staff/cases" : undefined, html`<strong dir="ltr">${person.verifiedCase.caseNumber}</strong>`)} <span class="badge">verified</span>
  <span>${person.verifiedCase.stage}</span> <span class="meta">checked ${t(person.verifiedCase.checkedAt)}</span></li>`,
      ]
    : [],
  "No case checked in the last day.",
)}
${section(
  "Handoffs",
  "panel-handoffs",
  person.handoffs.map(
    (
      h,
    ) => html`<li>${linkIf(admin ? `/staff/audit?contact=${d.id}&action=${h.action}` : undefined, HANDOFF_LABEL[h.action] ?? h.action)}
  ${h.staffUser ? html`by ${h.staffUser.email}` : ""} <span class="meta">${t(h.at)}</span></li>`,
  ),
  "None yet.",
)}
${section(
  "Private notes",
  "notes",
  d.notes.map(
    (n) => html`<li id="note-${n.id}"><div class="words">${n.body}</div>
  <div class="meta">${n.staffUser.email}${n.heldBy ? ` on ${n.heldBy.email}'s conversation` : ""} · ${t(n.createdAt)}</div></li>`,
  ),
  "No notes yet.",
)}
</aside>`;
}
