import { type HandoffService, MAX_REASON_CHARS, MAX_REPLY_CHARS, RECORD_ACCESS_MS } from "../domain/handoff/service.ts";
import { type Html, html } from "./html.ts";
import type { Labels } from "./labels.ts";
import { csrfField } from "./layout.ts";

type Detail = Extract<Awaited<ReturnType<HandoffService["view"]>>, { ok: true }>["detail"];

/** Caseworkers see enough of the number to tell people apart, not the whole of it. */
export const maskPhone = (address: string) => `•••${address.slice(-4)}`;

export const STATUS_LABEL: Record<string, string> = {
  bot: "bot",
  waiting_for_person: "waiting",
  with_person: "with a person",
  closed: "closed",
};
export const REASON_LABEL: Record<string, string> = {
  asked: "asked for a person",
  misunderstood: "bot did not understand",
  risk: "protection risk",
  error: "the bot failed on a message",
  stopped: "the person sent STOP",
};

export function waited(since: Date | null, now = new Date()): string {
  if (!since) return "";
  const min = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  return min < 60
    ? `${min} min`
    : min < 2880
      ? `${Math.floor(min / 60)} h ${min % 60} min`
      : `${Math.floor(min / 1440)} days`;
}

export interface LoginForm {
  csrf: string;
  next: string;
  error?: string;
  /** the email typed, kept after a refusal */
  email?: string;
  /** what the person had typed into a form when their session ended */
  kept?: Html | "";
}

export function loginPage(p: LoginForm): Html {
  return html`<h1>Sign in</h1>
<form method="post" action="/staff/login" class="card">
  ${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ""}
  <input type="hidden" name="_csrf" value="${p.csrf}"><input type="hidden" name="next" value="${p.next}">
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${p.email ?? ""}" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <label for="code">Code from your authenticator app <span class="meta">(only if you set up two-factor sign-in)</span></label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8">
  <p><button type="submit">Sign in</button></p>
  ${p.kept ?? ""}
</form>`;
}

/**
 * The person's own words emptied by NEEDS_TEXT_RETENTION_DAYS. Before that a `personal` reply is empty only
 * when the message itself was (then retried): it held no words either, so reading it so misleads nobody.
 */
const erasedByRetention = (m: { personal: boolean; body: string }) => m.personal && m.body === "";

export function transcriptPart(d: Detail, labels: Labels): Html {
  const messages = [...d.messages].reverse();
  return html`<div class="transcript">${messages.map(
    (m) => html`<div class="msg ${m.direction} ${m.staffUser ? "staff" : ""}">
  <div class="text">${m.redacted ? html`<span class="redacted">[redacted]</span>` : erasedByRetention(m) ? html`<span class="redacted">erased (retention)</span>` : m.body}</div>
  <div class="meta">${m.direction === "in" ? "person" : m.staffUser ? m.staffUser.email : "bot"} · ${labels.time(m.createdAt)}${m.outbox?.deliveryStatus ? ` · ${m.outbox.deliveryStatus}` : m.outbox ? ` · ${m.outbox.status}` : ""}</div>
  ${m.failure ? html`<div class="meta failure">the bot gave up on this message: ${m.failure}</div>` : ""}
</div>`,
  )}</div>
${d.notes.length ? html`<h2>Private notes</h2>${d.notes.map((n) => html`<div class="card"><div>${n.body}</div><div class="meta">${n.staffUser.email}${n.heldBy ? ` on ${n.heldBy.email}'s conversation` : ""} · ${labels.time(n.createdAt)}</div></div>`)}` : ""}`;
}

/**
 * The needs the person reported, newest first: the reference they were given, and whether words of danger came with it.
 */
function needsPart(d: Detail, labels: Labels): Html {
  if (d.needs.length === 0) return html``;
  return html`<div class="card"><h2>Needs reported</h2>${d.needs.map(
    (n) => html`<div class="row">
  ${n.risk ? html`<span class="badge urgent">RISK</span>` : ""}<strong>${n.reference}</strong>
  <span>${n.category} · ${n.urgency} · ${labels.time(n.createdAt)}</span></div>
  <div class="text">${n.textErasedAt ? html`<span class="redacted">erased (retention)</span>` : n.text}</div>`,
  )}</div>`;
}

export function conversationPage(p: {
  d: Detail;
  labels: Labels;
  csrf: string;
  staffId: number;
  admin: boolean;
  mayNote: boolean;
  windowOpen: boolean;
  templateAvailable: boolean;
  /** "pass to a colleague", for those who may (src/staff/transfer-form.ts) */
  transfer?: Html;
}): Html {
  const { d, csrf } = p;
  const c = d.conversation;
  const status = c?.status ?? "bot";
  const post = (action: string, label: string, cls = "") =>
    html`<form class="inline" method="post" action="/staff/conversations/${d.id}/${action}">${csrfField(csrf)}<button class="${cls}">${label}</button></form>`;
  const mine = status === "with_person" && c?.assignee?.id === p.staffId;
  const open = status === "waiting_for_person" || status === "with_person";
  return html`<h1>${maskPhone(d.address)}</h1>
<div class="card row">
  ${c?.urgent && open ? html`<span class="badge urgent">URGENT</span>` : ""}
  <span class="badge ${status}">${STATUS_LABEL[status] ?? status}</span>${c?.reason ? html`<span>${REASON_LABEL[c.reason] ?? c.reason}</span>` : ""}
  <span>${d.channel === "whatsapp" ? "WhatsApp" : "SMS"}</span><span>Language: <strong lang="${d.language ?? ""}">${d.language ?? "unknown"}</strong></span>
  ${c?.assignee ? html`<span>taken by ${c.assignee.email}</span>` : ""}
</div>
${
  open
    ? html`<div class="card row">
  ${status === "waiting_for_person" ? post("take", "Take") : ""}
  ${post("hand-back", "Hand back to the bot", "secondary")}
  ${post("close", "Close", "secondary")}
</div>${p.transfer ?? ""}`
    : ""
}
${
  mine
    ? p.windowOpen
      ? html`<form method="post" action="/staff/conversations/${d.id}/reply" class="card">${csrfField(csrf)}
  <label for="reply">Reply to the person</label><textarea id="reply" name="text" rows="3" maxlength="${MAX_REPLY_CHARS}" required></textarea>
  <p><button>Send</button></p></form>`
      : html`<div class="card"><p class="notice">More than 24 hours since the person last wrote: WhatsApp only lets us send the approved template.</p>
  ${p.templateAvailable ? post("template", "Send the approved template") : html`<p>No template is configured (TWILIO_TEMPLATE_CONTENT_SID).</p>`}</div>`
    : open
      ? html`<p class="notice">Take the conversation to reply.</p>`
      : ""
}
${needsPart(d, p.labels)}
<div id="transcript" data-live="/staff/conversations/${d.id}/transcript" data-contact="${d.id}">${transcriptPart(d, p.labels)}</div>
${
  p.mayNote
    ? html`<form method="post" action="/staff/conversations/${d.id}/note" class="card">${csrfField(csrf)}
  <label for="note">Private note (never sent)${c?.assignee && c.assignee.id !== p.staffId && status === "with_person" ? ` on ${c.assignee.email}'s conversation` : ""}</label><textarea id="note" name="text" rows="2" required></textarea>
  <p><button class="secondary">Add note</button></p></form>`
    : html`<p class="notice">Notes on this conversation are for ${c?.assignee?.email ?? "the caseworker who holds it"} (your team's setting).</p>`
}
${p.admin ? html`<p><a href="/staff/conversations/${d.id}/erase">Erase this person's data</a> (when they ask us by other means)</p>` : ""}`;
}

export function analystHome(): Html {
  return html`<h1>Welcome</h1><p class="card">Your role sees the <a href="/staff/needs">needs dashboard</a>, never phone numbers or messages.</p>`;
}

/**
 * A conversation never handed to staff: a caseworker opens it only with a reason, which is audited and
 * lets them in for a while.
 */
export function openRecordPage(p: { contactId: number; csrf: string }): Html {
  return html`<h1>Open this person's record?</h1>
<div class="card"><p>This person has not been handed to staff: the bot answers them. Open their conversation only when you need to,
and say why. Your reason goes to the audit log, and the record stays open to you for ${RECORD_ACCESS_MS / 60_000} minutes.</p>
<form method="post" action="/staff/conversations/${p.contactId}/open">${csrfField(p.csrf)}
  <label for="reason">Reason (required)</label><textarea id="reason" name="reason" rows="2" maxlength="${MAX_REASON_CHARS}" required></textarea>
  <p><button>Open the record</button> <a href="/staff/inbox">Back to the inbox</a></p></form></div>`;
}

/** An admin's confirm step before erasing a person who asked by other means (a call, a letter). */
export function eraseConfirmPage(p: { contactId: number; csrf: string }): Html {
  return html`<h1>Erase this person's data</h1>
<div class="card"><p>For a person who asked us to erase their data. This cannot be undone.</p>
<p><strong>Erased:</strong> their phone number, every message and answer, the session, replies not yet sent, caseworkers' notes,
case lookups, the conversation's state, the words, places and attachments of their needs, and referrals still new.</p>
<p><strong>Kept, naming no one:</strong> their needs for the counts (category, area, urgency, language, dates), referrals a partner
already has (status only: the partner has its own copy, which the person asks them to erase), and the audit log.</p>
<form method="post" action="/staff/conversations/${p.contactId}/erase">${csrfField(p.csrf)}<button>Erase everything</button>
<a href="/staff/conversations/${p.contactId}">Cancel</a></form></div>`;
}
