// The broadcasts' views: the list, the composer (texts per language with their SMS cost, the audience, the count
// before sending), and a broadcast's page (live progress, controls, test, report).
import type { Audience } from "../domain/broadcasts/audience.ts";
import type { Broadcast, BroadcastReport } from "../domain/broadcasts/repository.ts";
import { BROADCAST_DEED_NAMES, BROADCAST_DEEDS, type BroadcastDeed } from "../domain/broadcasts/service.ts";
import { CHANNELS } from "../channels/profile.ts";
import { languageName } from "../i18n/language-code.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";
import { smsCostBadge } from "./sms-cost.ts";
import type { StaffText } from "./staff-text.ts";

const PATH = "/staff/broadcasts";

/** What the composer holds: as typed, so a form sent back for a check shows it again. */
export interface Draft {
  title: string;
  texts: Record<string, string>;
  englishFallback: boolean;
  audience: Audience;
  /** as typed in the datetime field, in the deployment's time zone; "" for now */
  sendAt: string;
}

export interface ComposerView {
  text: StaffText;
  csrf: string;
  languages: readonly string[];
  areas: readonly string[];
  draft: Draft;
  /** after "Count": who it reaches now, per language and channel */
  count?: { language: string; channel: string; people: number }[];
  errors: string[];
}

export function broadcastList(t: StaffText, rows: Broadcast[]): Html {
  return html`<h1>${t.t("nav.broadcasts")}</h1><p><a href="${PATH}/new">${t.t("broadcasts.new")}</a></p>${
    rows.length
      ? html`<ul class="inbox">${rows.map(
          (b) => html`<li class="card"><a href="${PATH}/${b.id}"><strong dir="auto">${b.title}</strong>
          <span class="badge">${t.t(`broadcasts.status.${b.status}`)}</span>
          <span class="meta">${t.time(b.sendAt)}</span></a></li>`,
        )}</ul>`
      : html`<p class="card">${t.t("broadcasts.none")}</p>`
  }`;
}

const checked = (on: boolean) => (on ? "checked" : "");

/** The cost of a text as SMS, as the carrier bills it (nothing for an empty text). */
const segmentsOf = (t: StaffText, text: string): Html => (text ? smsCostBadge(t, text, undefined) : html``);

function countPart(t: StaffText, v: ComposerView): Html {
  if (!v.count) return html``;
  const people = v.count.reduce((sum, c) => sum + c.people, 0);
  const withoutText = v.draft.englishFallback
    ? 0
    : v.count.filter((c) => !v.draft.texts[c.language]).reduce((sum, c) => sum + c.people, 0);
  return html`<section class="card" id="audience-count" role="status"><h2>${t.t("broadcasts.reach", { count: people })}</h2>
  ${withoutText ? html`<p class="notice">${t.t("broadcasts.withoutText", { count: withoutText })}</p>` : ""}
  <div class="scroll"><table><thead><tr><th>${t.t("broadcasts.language")}</th><th>${t.t("broadcasts.channel")}</th>
  <th>${t.t("broadcasts.people")}</th></tr></thead><tbody>${v.count.map(
    (c) => html`<tr><td>${c.language}</td><td>${c.channel}</td><td>${c.people}</td></tr>`,
  )}</tbody></table></div>
  <button name="confirm" value="1">${v.draft.sendAt ? t.t("broadcasts.schedule") : t.t("broadcasts.sendNow")}</button></section>`;
}

export function composerPage(v: ComposerView): Html {
  const { t } = v.text;
  const a = v.draft.audience;
  return html`<h1>${t("broadcasts.new")}</h1>
  ${v.errors.length ? html`<div class="notice error" role="alert">${v.errors.map((e) => html`<p>${e}</p>`)}</div>` : ""}
  <form method="post" action="${PATH}" class="broadcast-form">${csrfField(v.csrf)}
  <label for="title">${t("broadcasts.title")}</label><input id="title" name="title" required maxlength="120" value="${v.draft.title}">
  <h2>${t("broadcasts.texts")}</h2><p class="meta">${t("broadcasts.textsHelp")}</p>
  ${v.languages.map(
    (
      lng,
    ) => html`<div class="language"><label for="text_${lng}">${languageName(lng, v.text.lng)} (${lng})${lng === "en" ? html` *` : ""}</label>
    <textarea id="text_${lng}" name="text_${lng}" rows="${lng === "en" ? 3 : 2}" lang="${lng}" dir="auto" maxlength="1600"
      ${lng === "en" ? "required" : ""}>${v.draft.texts[lng] ?? ""}</textarea>${segmentsOf(v.text, v.draft.texts[lng] ?? "")}</div>`,
  )}
  <label><input type="checkbox" name="englishFallback" value="1" ${checked(v.draft.englishFallback)}> ${t("broadcasts.englishFallback")}</label>
  <h2>${t("broadcasts.audience")}</h2>
  <fieldset><legend>${t("broadcasts.languages")}</legend><div class="row">${v.languages.map(
    (lng) =>
      html`<label><input type="checkbox" name="language" value="${lng}" ${checked(a.languages.includes(lng))}> ${lng}</label>`,
  )}</div></fieldset>
  <fieldset><legend>${t("broadcasts.channels")}</legend><div class="row">${CHANNELS.map(
    (c) =>
      html`<label><input type="checkbox" name="channel" value="${c}" ${checked(a.channels.includes(c))}> ${t(`broadcasts.channel_${c}`)}</label>`,
  )}</div></fieldset>
  <fieldset><legend>${t("broadcasts.areas")}</legend><div class="row">${v.areas.map(
    (id) =>
      html`<label><input type="checkbox" name="area" value="${id}" ${checked(a.areas.includes(id))}> ${v.text.area(id)}</label>`,
  )}</div></fieldset>
  <label for="lastContactDays">${t("broadcasts.lastContactDays")}</label>
  <input id="lastContactDays" name="lastContactDays" type="number" min="1" max="3650" value="${a.lastContactDays ?? ""}">
  <label><input type="checkbox" name="optedInOnly" value="1" ${checked(a.optedInOnly)}> ${t("broadcasts.optedInOnly")}</label>
  <p class="meta">${t("broadcasts.never")}</p>
  <label for="sendAt">${t("broadcasts.sendAt")}</label><input id="sendAt" name="sendAt" type="datetime-local" value="${v.draft.sendAt}">
  <p class="row"><button class="secondary" name="confirm" value="0">${t("broadcasts.count")}</button></p>
  ${countPart(v.text, v)}</form>`;
}

export interface BroadcastView {
  text: StaffText;
  csrf: string;
  broadcast: Broadcast;
  report: BroadcastReport;
  /** the composer's own number, for the test */
  phone: string;
  /** what staff may do to it now */
  deeds: BroadcastDeed[];
}

/** The figures the live bar moves (data-count names what progress.json gives). */
function progressPart(t: StaffText, b: Broadcast, r: BroadcastReport): Html {
  const figure = (key: keyof BroadcastReport | "throttled", value: number) =>
    html`<div><dt>${t.t(`broadcasts.figure.${key}`)}</dt><dd data-count="${key}">${value}</dd></div>`;
  return html`<section class="card" data-progress="${PATH}/${b.id}/progress.json" data-status="${b.status}">
  <p><span class="badge" data-count="statusLabel">${t.t(`broadcasts.status.${b.status}`)}</span></p>
  <progress max="${Math.max(1, r.queued)}" value="${r.queued - r.waiting}" aria-label="${t.t("broadcasts.progress")}"></progress>
  <dl class="figures">${figure("queued", r.queued)}${figure("waiting", r.waiting)}${figure("sent", r.sent)}${figure("delivered", r.delivered)}
  ${figure("read", r.read)}${figure("failed", r.failed)}${figure("skipped", r.skipped)}${figure("replies", r.replies)}
  ${figure("throttled", b.throttled)}</dl></section>`;
}

export function broadcastPage(v: BroadcastView): Html {
  const { t } = v.text;
  const b = v.broadcast;
  const r = v.report;
  return html`<p><a href="${PATH}">${t("nav.broadcasts")}</a></p><h1 dir="auto">${b.title}</h1>
  <p class="meta">${t("broadcasts.sendsAt", { at: v.text.time(b.sendAt) })}${
    b.queueMs !== null ? html` · ${t("broadcasts.queuedIn", { ms: b.queueMs })}` : ""
  }</p>
  ${progressPart(v.text, b, r)}
  <div class="row">${v.deeds.map(
    (deed) => html`<form method="post" action="${PATH}/${b.id}/${deed}">${csrfField(v.csrf)}
    <button class="${deed === "cancel" ? "secondary" : ""}">${t(`broadcasts.deed.${deed}`)}</button></form>`,
  )}</div>
  <section class="card"><h2>${t("broadcasts.report")}</h2>
  <p><a href="${PATH}/${b.id}/report.csv" download>${t("broadcasts.export")}</a></p>
  <h3>${t("broadcasts.failures")}</h3>${
    r.failures.length
      ? html`<table><tbody>${r.failures.map((f) => html`<tr><td>${f.code}</td><td>${f.count}</td></tr>`)}</tbody></table>`
      : html`<p class="meta">${t("broadcasts.noneYet")}</p>`
  }
  <h3>${t("broadcasts.skips")}</h3>${
    r.skips.length
      ? html`<table><tbody>${r.skips.map(
          (s) => html`<tr><td>${t(`broadcasts.skip.${s.reason}`)}</td><td>${s.count}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="meta">${t("broadcasts.noneYet")}</p>`
  }
  <p>${t("broadcasts.repliedPeople", { count: r.repliedPeople })}</p></section>
  <section class="card"><h2>${t("broadcasts.test")}</h2><p class="meta">${t("broadcasts.testHelp")}</p>
  <form method="post" action="${PATH}/${b.id}/test" class="broadcast-form">${csrfField(v.csrf)}
  <label for="phone">${t("broadcasts.phone")}</label><input id="phone" name="phone" type="tel" required value="${v.phone}" dir="ltr">
  <label for="test-channel">${t("broadcasts.channel")}</label><select id="test-channel" name="channel">${CHANNELS.map(
    (c) => html`<option value="${c}">${t(`broadcasts.channel_${c}`)}</option>`,
  )}</select>
  <label for="test-language">${t("broadcasts.language")}</label><select id="test-language" name="language">${Object.keys(
    b.texts,
  ).map((lng) => html`<option value="${lng}">${lng}</option>`)}</select>
  <p><button>${t("broadcasts.sendTest")}</button></p></form></section>
  <section class="card"><h2>${t("broadcasts.texts")}</h2>${Object.entries(b.texts).map(
    ([lng, text]) =>
      html`<h3>${lng}</h3><p class="preview" dir="auto" lang="${lng}">${text}</p>${segmentsOf(v.text, text)}`,
  )}</section>`;
}

/** The deeds a broadcast in this state offers. */
export const deedsFor = (status: Broadcast["status"]): BroadcastDeed[] =>
  BROADCAST_DEED_NAMES.filter((d) => BROADCAST_DEEDS[d].from.some((s) => s === status));
