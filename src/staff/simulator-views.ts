import type { Channel } from "../channels/profile.ts";
import type { Outgoing } from "../turns/plan.ts";
import { smsCostBadge } from "./sms-cost.ts";
import { type Html, html } from "./html.ts";
import { CHANNEL_LABEL, languageLabel } from "./inbox-list.ts";
import { csrfField } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import type { StaffText } from "./staff-text.ts";

export const SIMULATOR = `/staff${STAFF_PAGES.simulator.path}`;
export const CHANNELS: readonly Channel[] = ["whatsapp", "sms"];
export const CONTENTS = ["published", "drafts"] as const;
export type ContentChoice = (typeof CONTENTS)[number];

/** What the simulated person is and reads: chosen on the page, changed only with a fresh conversation. */
export interface SimulatorSettings {
  channel: Channel;
  /** the person's language; null: a new person, whom the welcome asks */
  language: string | null;
  content: ContentChoice;
}

/** A line of the simulated conversation: the person's, the bot's (in the language it was sent in), or a note. */
export type SimulatedLine =
  | { from: "person"; text: string }
  | { from: "bot"; reply: Outgoing; language: string; rtl: boolean }
  | { from: "note"; key: "handoff" | "urgent" | "erase" | "error" };

/** The settings form: choosing again starts a fresh conversation. */
export function settingsForm(x: StaffText, languages: readonly string[], s: SimulatorSettings, csrf: string): Html {
  const { t } = x;
  const option = (value: string, label: string, chosen: boolean) =>
    html`<option value="${value}"${chosen ? html` selected` : ""}>${label}</option>`;
  const select = (name: keyof SimulatorSettings, options: Html[]) =>
    html`<label>${t(`simulator.${name}`)} <select name="${name}">${options}</select></label>`;
  const channels = CHANNELS.map((c) => option(c, CHANNEL_LABEL[c] ?? c, c === s.channel));
  const newPerson = option("", t("simulator.newPerson"), s.language === null);
  const spoken = languages.map((l) => option(l, languageLabel(x, l), l === s.language));
  const contents = CONTENTS.map((c) => option(c, t(`simulator.content_${c}`), c === s.content));
  return html`<form method="post" action="${SIMULATOR}/reset" class="row filters">${csrfField(csrf)}
  ${select("channel", channels)} ${select("language", [newPerson, ...spoken])} ${select("content", contents)}
  <button class="secondary">${t("simulator.reset")}</button></form>`;
}

/** The conversation as the phone shows it, the latest at the bottom. */
export function simulatedTranscript(
  x: StaffText,
  channel: Channel,
  lines: readonly SimulatedLine[],
  csrf: string,
): Html {
  if (lines.length === 0) return html`<p class="card">${x.t("simulator.empty")}</p>`;
  return html`<div class="transcript" id="simulated">${lines.map((line) => {
    if (line.from === "person") return html`<div class="msg in"><div class="text" dir="auto">${line.text}</div></div>`;
    if (line.from === "note") return html`<p class="notice" role="status">${x.t(`simulator.note_${line.key}`)}</p>`;
    return botReply(x, channel, line, csrf);
  })}</div>`;
}

/** A reply as the channel shows it: SMS its numbered text and segments; WhatsApp a question's choices as buttons. */
function botReply(x: StaffText, channel: Channel, line: Extract<SimulatedLine, { from: "bot" }>, csrf: string): Html {
  const { reply, language, rtl } = line;
  const dir = rtl ? "rtl" : "ltr";
  const menu = reply.interactive;
  const text = menu ? menu.text : reply.text;
  const meta =
    channel === "sms"
      ? smsCostBadge(x, reply.text, undefined)
      : x.t("simulator.characters", { count: [...text].length });
  // WhatsApp shows up to 3 choices as buttons, more as a list opened by a button with these words
  const choices = menu
    ? html`<form method="post" action="${SIMULATOR}/send" class="row choices" dir="${dir}" lang="${language}">
  ${csrfField(csrf)}${menu.menu.choices.length > 3 ? html`<span class="meta">${menu.menu.open}</span>` : ""}
  ${menu.menu.choices.map(
    (c) => html`<button class="secondary" name="payload" value="${c.payload}">${c.label}</button>`,
  )}</form>`
    : "";
  return html`<div class="msg out"><div class="text" dir="auto" lang="${language}">${text}</div>${choices}
  <div class="meta">${meta}</div></div>`;
}

/** What the person types next. */
export const messageForm = ({ t }: StaffText, csrf: string): Html =>
  html`<form method="post" action="${SIMULATOR}/send" class="row filters">${csrfField(csrf)}
  <label>${t("simulator.message")}
  <input name="text" dir="auto" autocomplete="off" required maxlength="1600" autofocus></label>
  <button>${t("simulator.send")}</button></form>`;
