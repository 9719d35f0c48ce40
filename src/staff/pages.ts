import { MAX_REASON_CHARS, RECORD_ACCESS_MS } from "../domain/handoff/service.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";
import type { StaffText } from "./staff-text.ts";

/** Caseworkers see enough of the number to tell people apart, not the whole of it. */
export const maskPhone = (address: string) => `•••${address.slice(-4)}`;

/** A conversation's status (bot, waiting_for_person...) as staff read it. */
export const statusLabel = ({ t }: StaffText, status: string) => t(`status.${status}`, { defaultValue: status });
/** Why a person was handed to staff (asked, risk...). */
export const reasonLabel = ({ t }: StaffText, reason: string | null) =>
  reason ? t(`reason.${reason}`, { defaultValue: reason }) : "";

/** How long someone has waited; the inbox's script ticks it with the same texts (`waitedTexts`). */
export function waited({ t }: StaffText, since: Date | null, now = new Date()): string {
  if (!since) return "";
  const min = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  return min < 60
    ? t("waited.minutes", { m: min })
    : min < 2880
      ? t("waited.hours", { h: Math.floor(min / 60), m: min % 60 })
      : t("waited.days", { count: Math.floor(min / 1440) });
}

/** The texts of `waited` with their placeholders for the inbox's script: days in each plural form of the language. */
export function waitedTexts({ t, lng }: StaffText): Record<string, string> {
  const days = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  return {
    minutes: t("waited.minutes", { m: "{m}" }),
    hours: t("waited.hours", { h: "{h}", m: "{m}" }),
    ...Object.fromEntries(days.map((form) => [`days_${form}`, t(`waited.days_${form}`, { count: "{count}" })])),
  };
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

export function loginPage({ t }: StaffText, p: LoginForm): Html {
  return html`<h1>${t("login.title")}</h1>
<form method="post" action="/staff/login" class="card">
  ${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ""}
  <input type="hidden" name="_csrf" value="${p.csrf}"><input type="hidden" name="next" value="${p.next}">
  <label for="email">${t("login.email")}</label><input id="email" name="email" type="email" autocomplete="username" value="${p.email ?? ""}" required>
  <label for="password">${t("login.password")}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <label for="code">${t("login.code")} <span class="meta">${t("login.codeHint")}</span></label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8">
  <p><button type="submit">${t("login.submit")}</button></p>
  ${p.kept ?? ""}
</form>`;
}

export function analystHome(x: StaffText): Html {
  return html`<h1>${x.t("home.title")}</h1><p class="card">${x.h("home.analyst", { needs: html`<a href="/staff/needs">${x.t("home.needsLink")}</a>` })}</p>`;
}

/**
 * A conversation never handed to staff: a caseworker opens it only with a reason, which is audited and
 * lets them in for a while.
 */
export function openRecordPage({ t }: StaffText, p: { contactId: number; csrf: string }): Html {
  return html`<h1>${t("openRecord.title")}</h1>
<div class="card"><p>${t("openRecord.explain", { minutes: RECORD_ACCESS_MS / 60_000 })}</p>
<form method="post" action="/staff/conversations/${p.contactId}/open">${csrfField(p.csrf)}
  <label for="reason">${t("openRecord.reason")}</label><textarea id="reason" name="reason" rows="2" maxlength="${MAX_REASON_CHARS}" required></textarea>
  <p><button>${t("openRecord.submit")}</button> <a href="/staff/inbox">${t("common.backToInbox")}</a></p></form></div>`;
}

/** An admin's confirm step before erasing a person who asked by other means (a call, a letter). */
export function eraseConfirmPage(x: StaffText, p: { contactId: number; csrf: string }): Html {
  const { t } = x;
  return html`<h1>${t("erase.title")}</h1>
<div class="card"><p>${t("erase.intro")}</p>
<p>${x.h("erase.erased", { label: html`<strong>${t("erase.erasedLabel")}</strong>` })}</p>
<p>${x.h("erase.kept", { label: html`<strong>${t("erase.keptLabel")}</strong>` })}</p>
<form method="post" action="/staff/conversations/${p.contactId}/erase">${csrfField(p.csrf)}<button>${t("erase.submit")}</button>
<a href="/staff/conversations/${p.contactId}">${t("common.cancel")}</a></form></div>`;
}
