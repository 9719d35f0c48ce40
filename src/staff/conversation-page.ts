import { MAX_REPLY_CHARS, type StaffMove } from "../domain/handoff/service.ts";
import { personAnswers } from "../domain/handoff/state.ts";
import type { CannedChoice, TemplateChoice } from "../domain/canned/for-person.ts";
import { cannedNote, cannedPicker, templateList } from "./canned-picker.ts";
import { type Html, html } from "./html.ts";
import type { Labels } from "./labels.ts";
import { csrfField } from "./layout.ts";
import { maskPhone, REASON_LABEL, STATUS_LABEL } from "./pages.ts";
import { type PersonSummary, personPanel } from "./person-panel.ts";
import { type ConversationView, transcriptPart } from "./transcript.ts";

/** The deeds that end a caseworker's part ask first, in the page itself: it works without script. */
const CONFIRM: Record<"hand-back" | "close", { label: string; question: string; yes: string }> = {
  "hand-back": {
    label: "Hand back to the bot",
    question: "Hand this person back to the bot? They get the bot's menu again, and the conversation leaves the inbox.",
    yes: "Yes, hand back",
  },
  close: {
    label: "Close",
    question: "Close this conversation? The person is told it is closed, and it leaves the inbox.",
    yes: "Yes, close it",
  },
};

export interface ConversationPage {
  view: ConversationView;
  /** the page shows the messages before this one ("Earlier messages"); undefined: the newest */
  before: number | undefined;
  person: PersonSummary;
  labels: Labels;
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
export function conversationPage(p: ConversationPage): Html {
  const d = p.view.detail;
  const c = d.conversation;
  const status = c?.status ?? "bot";
  const post = (action: string, label: string) => postButton(p, action, label);
  const confirm = (action: keyof typeof CONFIRM) => {
    const { label, question, yes } = CONFIRM[action];
    return html`<details class="confirm"><summary>${label}</summary><div class="card"><p>${question}</p>${post(action, yes)}</div></details>`;
  };
  const mine = status === "with_person" && c?.assignee?.id === p.staffId;
  const open = personAnswers(status);
  const latest = p.before === undefined;
  return html`<div class="conversation"><div class="thread">
<h1>${maskPhone(d.address)}</h1>
<div class="card row">
  ${c?.urgent && open ? html`<span class="badge urgent">URGENT</span>` : ""}
  <span class="badge ${status}">${STATUS_LABEL[status]}</span>${c?.reason ? html`<span>${REASON_LABEL[c.reason] ?? c.reason}</span>` : ""}
  <span>${d.channel === "whatsapp" ? "WhatsApp" : "SMS"}</span><span>Language: <strong lang="${d.language ?? ""}">${d.language ?? "unknown"}</strong></span>
  ${c?.assignee ? html`<span>taken by ${c.assignee.email}</span>` : ""}
  ${p.moves.length > 0 ? html`<div class="row deeds">${p.moves.includes("take") ? post("take", "Take") : ""}${p.moves.includes("hand_back") ? confirm("hand-back") : ""}${p.moves.includes("close") ? confirm("close") : ""}</div>` : ""}
</div>
${p.transfer ?? ""}
<p class="jump"><a href="${latest ? "#latest" : `/staff/conversations/${d.id}#latest`}">Jump to latest</a></p>
<div id="transcript"${latest ? html` data-live="/staff/conversations/${d.id}/transcript" data-contact="${d.id}"` : ""}>${transcriptPart(p.view, p.labels)}</div>
<div id="transcript-end"></div>
${latest ? replyPart(p, { mine, open }) : html`<p class="card" id="latest"><a href="/staff/conversations/${d.id}#latest">Jump to latest</a>: these are earlier messages.</p>`}
${
  p.mayNote
    ? html`<form method="post" action="/staff/conversations/${d.id}/note" class="card">${csrfField(p.csrf)}
  <label for="note">Private note (never sent)${c?.assignee && c.assignee.id !== p.staffId && status === "with_person" ? ` on ${c.assignee.email}'s conversation` : ""}</label><textarea id="note" name="text" rows="2" required></textarea>
  <p><button class="secondary">Add note</button></p></form>`
    : html`<p class="notice">Notes on this conversation are for ${c?.assignee?.email ?? "the caseworker who holds it"} (your team's setting).</p>`
}
${p.admin ? html`<p><a href="/staff/conversations/${d.id}/erase">Erase this person's data</a> (when they ask us by other means)</p>` : ""}
</div>
${personPanel({ d, person: p.person, labels: p.labels, admin: p.admin })}
</div>`;
}

/** A deed on the conversation: one button posting its form. */
const postButton = (p: ConversationPage, action: string, label: string) =>
  html`<form class="inline" method="post" action="/staff/conversations/${p.view.detail.id}/${action}">${csrfField(p.csrf)}<button>${label}</button></form>`;

/** The reply box under the newest message, or why there is none. */
function replyPart(p: ConversationPage, s: { mine: boolean; open: boolean }): Html {
  const id = p.view.detail.id;
  if (!s.mine)
    return s.open
      ? html`<p class="notice" id="latest">Take the conversation to reply.</p>`
      : html`<div id="latest"></div>`;
  if (p.windowOpen) {
    const inserted = p.inserted;
    const note = inserted ? cannedNote(inserted) : "";
    return html`<div class="card reply" id="latest">${cannedPicker(id, p.canned.replies, inserted)}
<form method="post" action="/staff/conversations/${id}/reply">${csrfField(p.csrf)}
  <label for="reply">Reply to the person</label><textarea id="reply" name="text" rows="3" dir="auto" maxlength="${MAX_REPLY_CHARS}" required>${inserted?.text ?? ""}</textarea>
  <p class="meta" id="canned-note" role="status"${note ? "" : html` hidden`}>${note}</p>
  <p><button>Send</button></p></form></div>`;
  }
  return html`<div class="card" id="latest"><p class="notice">More than 24 hours since the person last wrote: WhatsApp only lets us send an approved template.</p>
  ${templateList(id, p.csrf, p.canned.templates, p.templateAvailable)}</div>`;
}
