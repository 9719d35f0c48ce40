import { MAX_REASON_CHARS, RECORD_ACCESS_MS } from "../domain/handoff/service.ts";
import type { Status } from "../domain/handoff/state.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";

/** Caseworkers see enough of the number to tell people apart, not the whole of it. */
export const maskPhone = (address: string) => `•••${address.slice(-4)}`;

export const STATUS_LABEL: Record<Status, string> = {
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
