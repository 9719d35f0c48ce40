import { type Media, readMedia } from "../channels/message.ts";
import type { HandoffService } from "../domain/handoff/service.ts";
import { type Html, html } from "./html.ts";
import { mediaKind, mediaPath } from "./media-proxy.ts";
import type { StaffText } from "./staff-text.ts";

export type ConversationView = Extract<Awaited<ReturnType<HandoffService["view"]>>, { ok: true }>;
type Detail = ConversationView["detail"];
type Message = Detail["messages"][number];

/**
 * The person's own words emptied by NEEDS_TEXT_RETENTION_DAYS. Before that a `personal` reply is empty only
 * when the message itself was (then retried): it held no words either, so reading it so misleads nobody.
 */
const erasedByRetention = (m: { personal: boolean; body: string; media: unknown }) =>
  m.personal && m.body === "" && readMedia(m.media).length === 0;

// a numbered choice as the bot writes it (src/engine/nodes/ask.ts menuLine): a direction mark, the number, ". "
const MENU_LINE = /^[\u200e\u200f]?\p{Nd}{1,2}\. /u;

/**
 * A bot message that offers numbered choices: its question, and how many choices follow. Caseworkers read
 * the question; the choices (the same menus over and over) unfold on a click.
 */
function botMenu(body: string): { question: string; choices: number } | undefined {
  const lines = body.split("\n");
  const first = lines.findIndex((l) => MENU_LINE.test(l));
  const choices = lines.filter((l) => MENU_LINE.test(l)).length;
  if (first < 0 || choices < 2) return undefined;
  return { question: lines.slice(0, first).join(" ").trim(), choices };
}

function mediaPart({ t }: StaffText, contactId: number, messageId: number, media: Media[]): Html {
  return html`${media.map((file, i) => {
    const src = mediaPath(contactId, messageId, i);
    switch (mediaKind(file.contentType)) {
      case "image":
        return html`<a class="media" href="${src}" target="_blank" title="${t("media.openPhoto")}"><img src="${src}" alt="${t("media.photo")}" loading="lazy"></a>`;
      case "audio":
        return html`<audio class="media" controls preload="metadata" src="${src}"><a href="${src}">${t("media.voice")}</a></audio>`;
      default:
        return html`<a class="media file" href="${src}" download>${t("media.file", { type: file.contentType })}</a>`;
    }
  })}`;
}

function messageText({ t }: StaffText, m: Message, lang: string | undefined): Html {
  if (m.redacted) return html`<div class="text"><span class="redacted">${t("inbox.redacted")}</span></div>`;
  if (erasedByRetention(m)) return html`<div class="text"><span class="redacted">${t("inbox.erased")}</span></div>`;
  if (!m.body) return html``;
  const menu = m.direction === "out" && !m.staffUser ? botMenu(m.body) : undefined;
  // dir="auto": each message takes the direction of its first strong letter, so Arabic punctuation lands
  // where Arabic readers expect it; lang gives the right shaping and fonts
  if (!menu) return html`<div class="text" dir="auto" lang="${lang}">${m.body}</div>`;
  return html`<details class="menu"><summary><span dir="auto" lang="${lang}">${menu.question || t("transcript.menu")}</span> <span class="meta">${t("transcript.choices", { count: menu.choices })}</span></summary>
<div class="text" dir="auto" lang="${lang}">${m.body}</div></details>`;
}

const sender = ({ t }: StaffText, m: Message) =>
  m.direction === "in" ? t("transcript.person") : m.staffUser ? m.staffUser.email : t("transcript.bot");
/** Twilio's delivery status when it reported one, else the outbox's own (waiting to send, sending...), in words */
const delivery = ({ t }: StaffText, m: Message) => {
  const status = m.outbox?.deliveryStatus ?? m.outbox?.status;
  return status ? ` · ${t(`delivery.${status}`, { defaultValue: status })}` : "";
};

/**
 * A page of the conversation, oldest at the top and newest at the bottom (above the reply box), with a
 * link to the page before it. Also served alone to the page's live refresh.
 */
export function transcriptPart(v: Pick<ConversationView, "detail" | "earlier">, x: StaffText): Html {
  const { t } = x;
  const d = v.detail;
  const messages = [...d.messages].reverse();
  const lang = d.language ?? undefined;
  const oldest = messages[0];
  return html`${v.earlier && oldest ? html`<p class="earlier"><a href="/staff/conversations/${d.id}?before=${oldest.id}#transcript-end" rel="prev">${t("transcript.earlier")}</a></p>` : ""}
<div class="transcript">${messages.length ? "" : html`<p class="meta">${t("transcript.none")}</p>`}${messages.map(
    (m) => html`<div class="msg ${m.direction} ${m.staffUser ? "staff" : ""}" id="m${m.id}">
  ${messageText(x, m, lang)}${m.redacted ? "" : mediaPart(x, d.id, m.id, readMedia(m.media))}
  <div class="meta">${sender(x, m)} · ${x.time(m.createdAt)}${delivery(x, m)}</div>
  ${m.failure ? html`<div class="meta failure">${t("transcript.gaveUp", { failure: m.failure })}</div>` : ""}
</div>`,
  )}</div>`;
}
