import { MAX_REPLY_CHARS, type StaffMove } from "../domain/handoff/service.ts";
import { personAnswers } from "../domain/handoff/state.ts";
import type { CannedChoice, TemplateChoice } from "../domain/canned/for-person.ts";
import { cannedNote, cannedPicker, templateList } from "./canned-picker.ts";
import { type Html, html } from "./html.ts";
import { CHANNEL_LABEL, languageLabel } from "./inbox-list.ts";
import { csrfField } from "./layout.ts";
import { maskPhone, reasonLabel, statusLabel } from "./pages.ts";
import type { StaffText } from "./staff-text.ts";
import { type PersonSummary, personPanel } from "./person-panel.ts";
import { type ConversationView, transcriptPart } from "./transcript.ts";

/** The deeds that end a caseworker's part ask first, in the page itself: it works without script. */
const CONFIRM = { "hand-back": "handBack", close: "close" } as const;

export interface ConversationPage {
  view: ConversationView;
  /** the page shows the messages before this one ("Earlier messages"); undefined: the newest */
  before: number | undefined;
  person: PersonSummary;
  csrf: string;
  staffId: number;
  admin: boolean;
  mayNote: boolean;
  /** the moves this staff member may make now (HandoffService.movesFor): one button each */
  moves: readonly StaffMove[];
  windowOpen: boolean;
  templateAvailable: boolean;
  /** "pass to a colleague", for those who may (src/staff/transfer-form.ts) */
  transfer?: Html;
  /** the canned replies and approved templates, ready for this person */
  canned: { replies: CannedChoice[]; templates: TemplateChoice[] };
  /** the canned reply put in the reply box (`?canned=<id>`, the picker without script) */
  inserted: CannedChoice | undefined;
}

/**
 * A conversation as Chatwoot lays it out: the status and deeds on top, the messages oldest to newest with
 * the reply box under the newest, the person at a glance beside it (below it on a phone).
 */
export function conversationPage(x: StaffText, p: ConversationPage): Html {
  const { t } = x;
  const d = p.view.detail;
  const c = d.conversation;
  const status = c?.status ?? "bot";
  const post = (action: string, label: string) => postButton(p, action, label);
  const confirm = (action: keyof typeof CONFIRM) => {
    const k = `conversation.${CONFIRM[action]}`;
    return html`<details class="confirm"><summary>${t(`${k}.label`)}</summary><div class="card"><p>${t(`${k}.question`)}</p>${post(action, t(`${k}.yes`))}</div></details>`;
  };
  const mine = status === "with_person" && c?.assignee?.id === p.staffId;
  const open = personAnswers(status);
  const latest = p.before === undefined;
  return html`<div class="conversation"><div class="thread">
<h1><bdi>${maskPhone(d.address)}</bdi></h1>
<div class="card row">
  ${c?.urgent && open ? html`<span class="badge urgent">${t("inbox.urgent")}</span>` : ""}
  <span class="badge ${status}">${statusLabel(x, status)}</span>${c?.reason ? html`<span>${reasonLabel(x, c.reason)}</span>` : ""}
  <span>${CHANNEL_LABEL[d.channel] ?? d.channel}</span><span>${x.h("conversation.language", { language: html`<strong>${d.language ? languageLabel(x, d.language) : t("conversation.unknown")}</strong>` })}</span>
  ${c?.assignee ? html`<span>${t("inbox.takenBy", { who: c.assignee.email })}</span>` : ""}
  ${p.moves.length > 0 ? html`<div class="row deeds">${p.moves.includes("take") ? post("take", t("conversation.take")) : ""}${p.moves.includes("hand_back") ? confirm("hand-back") : ""}${p.moves.includes("close") ? confirm("close") : ""}</div>` : ""}
</div>
${p.transfer ?? ""}
<p class="jump"><a href="${latest ? "#latest" : `/staff/conversations/${d.id}#latest`}">${t("conversation.jump")}</a></p>
<div id="transcript"${latest ? html` data-live="/staff/conversations/${d.id}/transcript" data-contact="${d.id}"` : ""}>${transcriptPart(p.view, x)}</div>
<div id="transcript-end"></div>
${latest ? replyPart(x, p, { mine, open }) : html`<p class="card" id="latest">${x.h("conversation.earlierHere", { jump: html`<a href="/staff/conversations/${d.id}#latest">${t("conversation.jump")}</a>` })}</p>`}
${
  p.mayNote
    ? html`<form method="post" action="/staff/conversations/${d.id}/note" class="card">${csrfField(p.csrf)}
  <label for="note">${c?.assignee && c.assignee.id !== p.staffId && status === "with_person" ? t("conversation.noteOn", { who: c.assignee.email }) : t("conversation.note")}</label><textarea id="note" name="text" rows="2" required></textarea>
  <p><button class="secondary">${t("conversation.addNote")}</button></p></form>`
    : html`<p class="notice">${t("conversation.notesFor", { who: c?.assignee?.email ?? t("conversation.holder") })}</p>`
}
${p.admin ? html`<p>${x.h("conversation.erase", { link: html`<a href="/staff/conversations/${d.id}/erase">${t("erase.title")}</a>` })}</p>` : ""}
</div>
${personPanel(x, { d, person: p.person, admin: p.admin })}
</div>`;
}

/** A deed on the conversation: one button posting its form. */
const postButton = (p: ConversationPage, action: string, label: string) =>
  html`<form class="inline" method="post" action="/staff/conversations/${p.view.detail.id}/${action}">${csrfField(p.csrf)}<button>${label}</button></form>`;

/** The reply box under the newest message, or why there is none. */
function replyPart(x: StaffText, p: ConversationPage, s: { mine: boolean; open: boolean }): Html {
  const { t } = x;
  const id = p.view.detail.id;
  if (!s.mine)
    return s.open
      ? html`<p class="notice" id="latest">${t("conversation.takeToReply")}</p>`
      : html`<div id="latest"></div>`;
  if (p.windowOpen) {
    const inserted = p.inserted;
    const note = inserted ? cannedNote(x, inserted) : "";
    return html`<div class="card reply" id="latest">${cannedPicker(x, id, p.canned.replies, inserted)}
<form method="post" action="/staff/conversations/${id}/reply">${csrfField(p.csrf)}
  <label for="reply">${t("conversation.reply")}</label><textarea id="reply" name="text" rows="3" dir="auto" maxlength="${MAX_REPLY_CHARS}" required>${inserted?.text ?? ""}</textarea>
  <p class="meta" id="canned-note" role="status"${note ? "" : html` hidden`}>${note}</p>
  <p><button>${t("conversation.send")}</button></p></form></div>`;
  }
  return html`<div class="card" id="latest"><p class="notice">${t("conversation.windowClosed")}</p>
  ${templateList(x, id, p.csrf, p.canned.templates, p.templateAvailable)}</div>`;
}
