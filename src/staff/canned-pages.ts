import { type Response, Router } from "express";
import { CONTENT_SID_PATTERN } from "../channels/twilio/content-sid.ts";
import type { Prisma } from "../db/database.ts";
import {
  CANNED_FALLBACK,
  CANNED_KINDS,
  type CannedInput,
  type CannedReply,
  cannedFormSchema,
  fillPlaceholders,
  MAX_CANNED_NAME,
  MAX_CANNED_TEXT,
  PLACEHOLDERS,
} from "../domain/canned/canned-reply.ts";
import { deleteCanned, findCanned, listCanned, saveCanned } from "../domain/canned/repository.ts";
import { SAMPLE_NEED_REFERENCE } from "../domain/needs/reference.ts";
import { allow, staffOf } from "./auth.ts";
import { formParser } from "./before-body.ts";
import { type Html, html } from "./html.ts";
import { withId } from "./ids.ts";
import { languageLabel } from "./inbox-list.ts";
import { csrfField, sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { smsCostBadge } from "./sms-cost.ts";
import { type StaffText, textOf } from "./staff-text.ts";

const BASE = `/staff${STAFF_PAGES.canned.path}`;

/**
 * The add and edit form: a text and a Content SID per language, name, kind and the form token. Its body can
 * be larger than the app's other forms (17 texts of up to 1,600 characters, Arabic script encoded at 6 bytes
 * each): read for admins only, as the imports are.
 */
export const cannedFormParser = (languages: readonly string[]) =>
  formParser(`${Math.ceil((languages.length * MAX_CANNED_TEXT * 6) / 1024) + 8}kb`, languages.length * 2 + 3);
/** What a redirect (`?done=`) tells: its text is `cannedPage.done_<deed>`. */
const DONE = ["added", "saved", "deleted"];

/**
 * What a text costs as an SMS, counted as sent: with a reference in `{{reference}}` (all are as long, so one
 * sample keeps the page the same on every load), not the braces (two GSM-7 septets each).
 */
const segmentsNote = (x: StaffText, text: string): Html =>
  smsCostBadge(x, fillPlaceholders(text, { reference: SAMPLE_NEED_REFERENCE }).text, "cannedPage.tooLong");

/** A text as the person reads it: its own direction (Arabic, Farsi… right to left) and language. */
export const preview = (language: string, text: string) =>
  html`<p class="preview" dir="auto" lang="${language}">${text}</p>`;

/**
 * Canned replies, for admins (page table: `canned`): list with each language's preview and SMS size, add,
 * edit, delete; every change audited (src/domain/canned/repository.ts). Caseworkers use them from the
 * conversation's reply box (canned-picker.ts).
 */
export function cannedPages(prisma: Prisma, languages: readonly string[]): Router {
  const router = Router();
  const admins = allow("canned");
  const schema = cannedFormSchema(languages);
  // English first, then the others in the order of the locales
  const ordered = [CANNED_FALLBACK, ...languages.filter((l) => l !== CANNED_FALLBACK)];

  router.get(STAFF_PAGES.canned.path, admins, async (req, res) => {
    const all = await listCanned(prisma);
    const x = textOf(res);
    const { t } = x;
    const done = req.query.done;
    sendPage(
      res,
      t("nav.canned"),
      html`<h1>${t("nav.canned")}</h1>
<p>${x.h("cannedPage.intro", { reference: html`<code>{{reference}}</code>` })}</p>
<p><a href="${BASE}/new">${t("cannedPage.add")}</a></p>
${all.length === 0 ? html`<p class="card">${t("cannedPage.none")}</p>` : ""}
<ul class="inbox">${all.map((r) => cannedCard(textOf(res), r, ordered, staffOf(res).csrfToken))}</ul>`,
      { notice: typeof done === "string" && DONE.includes(done) ? t(`cannedPage.done_${done}`) : undefined },
    );
  });

  const form = (res: Response, opts: { reply?: CannedInput; id?: number; status?: number; problems?: string[] }) => {
    const staff = staffOf(res);
    const x = textOf(res);
    const r = opts.reply ?? { name: "", kind: "text", texts: {}, contentSids: {} };
    const action = opts.id === undefined ? BASE : `${BASE}/${opts.id}`;
    const { t } = x;
    const title = opts.id === undefined ? t("cannedPage.add") : t("cannedPage.editTitle", { name: r.name });
    sendPage(
      res,
      title,
      html`<h1>${title}</h1>
<form method="post" action="${action}" class="card canned-form">${csrfField(staff.csrfToken)}
  <label for="name">${t("cannedPage.name")}</label><input id="name" name="name" maxlength="${MAX_CANNED_NAME}" value="${r.name}" required>
  <label for="kind">${t("cannedPage.kind")}</label><select id="kind" name="kind">${CANNED_KINDS.map(
    (k) => html`<option value="${k}"${r.kind === k ? html` selected` : ""}>${t(`cannedPage.kind_${k}`)}</option>`,
  )}</select>
  <p class="meta">${t("cannedPage.kindHelp", { placeholders: PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ") })}</p>
  ${ordered.map((l) => {
    const text = r.texts[l] ?? "";
    const sid = r.contentSids[l] ?? "";
    const fields = html`<label for="text_${l}">${t("cannedPage.text")}</label><textarea id="text_${l}" name="text_${l}" rows="2" dir="auto" lang="${l}" maxlength="${MAX_CANNED_TEXT}"${l === CANNED_FALLBACK ? html` required` : ""}>${text}</textarea>
  ${text ? html`<p class="row">${segmentsNote(x, text)}</p>` : ""}
  <label for="sid_${l}">${t("cannedPage.sid")}</label><input id="sid_${l}" name="sid_${l}" value="${sid}" pattern="${CONTENT_SID_PATTERN}" autocomplete="off">`;
    // English always shows; the other languages fold to their name until they hold something
    return l === CANNED_FALLBACK
      ? html`<fieldset class="language"><legend>${t("cannedPage.required", { language: languageLabel(x, l) })}</legend>${fields}</fieldset>`
      : html`<details class="language"${text || sid ? html` open` : ""}><summary>${languageLabel(x, l)}</summary>${fields}</details>`;
  })}
  <p><button>${t("account.save")}</button> <a href="${BASE}">${t("common.cancel")}</a></p></form>`,
      { status: opts.status, notice: opts.problems?.join("; ") },
    );
  };

  const save = async (res: Response, body: unknown, id?: number) => {
    const parsed = schema.safeParse(body);
    const typed = formValues(body, ordered);
    if (!parsed.success)
      return form(res, {
        reply: typed,
        id,
        status: 400,
        problems: parsed.error.issues.map((i) => `${fieldName(textOf(res), String(i.path[0] ?? ""))}: ${i.message}`),
      });
    const saved = await saveCanned(prisma, staffOf(res).id, parsed.data, id);
    if (!saved.ok && saved.reason === "not_found") return notFound(res);
    if (!saved.ok) return form(res, { reply: typed, id, status: 409, problems: [textOf(res).t("cannedPage.exists")] });
    res.redirect(303, `${BASE}?done=${id === undefined ? "added" : "saved"}`);
  };

  router.get(`${STAFF_PAGES.canned.path}/new`, admins, (_req, res) => form(res, {}));
  router.post(STAFF_PAGES.canned.path, admins, (req, res) => save(res, req.body));
  router.get(
    `${STAFF_PAGES.canned.path}/:id`,
    admins,
    withId(async (_req, res, id) => {
      const reply = await findCanned(prisma, id);
      if (!reply) return notFound(res);
      form(res, { reply, id });
    }),
  );
  router.post(
    `${STAFF_PAGES.canned.path}/:id`,
    admins,
    withId((req, res, id) => save(res, req.body, id)),
  );
  router.post(
    `${STAFF_PAGES.canned.path}/:id/delete`,
    admins,
    withId(async (_req, res, id) => {
      if (!(await deleteCanned(prisma, staffOf(res).id, id))) return notFound(res);
      res.redirect(303, `${BASE}?done=deleted`);
    }),
  );
  return router;
}

/** One canned reply in the list: its name and kind, each language's text as the person reads it and its SMS size. */
function cannedCard(x: StaffText, r: CannedReply, order: readonly string[], csrf: string): Html {
  const { t } = x;
  return html`<li class="card"><div class="row"><strong>${r.name}</strong><span class="badge">${t(`cannedPage.badge_${r.kind}`)}</span>
  <a href="${BASE}/${r.id}">${t("partners.edit")}</a>
  <details class="confirm"><summary>${t("cannedPage.delete")}</summary><div class="card"><p>${t("cannedPage.deleteQuestion", { name: r.name })}</p>
  <form class="inline" method="post" action="${BASE}/${r.id}/delete">${csrfField(csrf)}<button>${t("cannedPage.deleteYes")}</button></form></div></details></div>
  <dl class="canned-texts">${order.flatMap((l) => {
    const text = r.texts[l];
    if (!text) return [];
    return [
      html`<dt>${languageLabel(x, l)}</dt><dd>${preview(l, text)}<p class="row">${segmentsNote(x, text)}${r.contentSids[l] ? html`<code>${r.contentSids[l]}</code>` : ""}</p></dd>`,
    ];
  })}</dl></li>`;
}

/** What the admin typed, shown again with the problems. */
function formValues(body: unknown, languages: readonly string[]): CannedInput {
  const field = (k: string) => {
    const v = Reflect.get(Object(body), k);
    return typeof v === "string" ? v : "";
  };
  const read = (prefix: string) =>
    Object.fromEntries(languages.map((l) => [l, field(`${prefix}${l}`)]).filter(([, v]) => v));
  return {
    name: field("name"),
    kind: field("kind") === "template" ? "template" : "text",
    texts: read("text_"),
    contentSids: read("sid_"),
  };
}

/** A form field as the admin reads it: "Arabic (ar) text". */
function fieldName(x: StaffText, field: string): string {
  const m = /^(text|sid)_(.+)$/.exec(field);
  if (!m) return field || x.t("cannedPage.form");
  return x.t(m[1] === "sid" ? "cannedPage.fieldSid" : "cannedPage.fieldText", {
    language: languageLabel(x, m[2] ?? ""),
  });
}

const notFound = (res: Response) =>
  sendPage(res, textOf(res).t("common.notFound"), html`<p class="card">${textOf(res).t("cannedPage.notFound")}</p>`, {
    status: 404,
  });
