import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { ContentService } from "../domain/content/service.ts";
import { allow, staffOf } from "./auth.ts";
import { formParser } from "./before-body.ts";
import { html } from "./html.ts";
import { csrfField, sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { textOf } from "./staff-text.ts";
import { editForm, findingsList, localesTable, TEXTS, textCard, textsNav } from "./text-views.ts";

const PATH = STAFF_PAGES.texts.path;
/** The notices a redirect names in `done` (texts `texts.done_<name>`). */
const DONE = new Set(["drafted", "discarded", "reviewed", "published", "restored", "nothing", "legal"]);

/** The texts page's links to the other pages: path under /staff/texts, and its text. */
const LINKS = [
  ["publish", "publishDrafts"],
  ["versions", "versions"],
  ["locales", "languages"],
  ["legal", "legalChecks"],
] as const;

/**
 * The longest text an editor may save: a message is far shorter, but a language's risk words are one list of
 * up to ~4,600 characters (English, French, Russian, Ukrainian), with room to grow.
 */
const MAX_TEXT = 12_000;
const textForm = z.object({ lng: z.string(), key: z.string(), text: z.string().max(MAX_TEXT).optional() });

/**
 * The texts pages' forms, larger than the app's others for the word lists: read for editors and admins only, as
 * the imports are. A letter of Ethiopic or Myanmar script is 3 bytes of UTF-8, 9 once form-encoded.
 */
export const textsFormParser = formParser(`${Math.ceil((MAX_TEXT * 9) / 1024) + 4}kb`, 10);
const legalForm = z.object({ topic: z.string(), day: z.iso.date() });

/**
 * The bot's texts for editors and admins (page table: `texts`): every text by journey, English beside the
 * chosen locale; drafts, publish, versions and restore, reviews, the locale dashboard and legal checks.
 */
export function textsPages(content: ContentService): Router {
  const router = Router();
  const editors = allow("texts");
  const english = content.defaultLanguage;
  const languageOf = (req: Request) => {
    const lng = typeof req.query.lng === "string" ? req.query.lng : "";
    return content.languages.includes(lng) ? lng : (content.languages.find((l) => l !== english) ?? english);
  };
  const notice = (req: Request, res: Response) => {
    const done = req.query.done;
    return typeof done === "string" && DONE.has(done) ? textOf(res).t(`texts.done_${done}`) : undefined;
  };
  const back = (res: Response, path: string, done: string) =>
    res.redirect(303, `${TEXTS}${path}${path.includes("?") ? "&" : "?"}done=${done}`);

  router.get(PATH, editors, async (req, res) => {
    const language = languageOf(req);
    const rows = await content.texts(language);
    const journeys = [...new Set(rows.map((r) => r.file))];
    const journey = journeys.includes(String(req.query.journey)) ? String(req.query.journey) : (journeys[0] ?? "");
    const keys = new Set(rows.filter((r) => r.target !== undefined).map((r) => r.key));
    const x = textOf(res);
    const { t } = x;
    sendPage(
      res,
      t("texts.title"),
      html`<h1>${t("texts.title")}</h1>
<p class="row">${LINKS.map(([path, key]) => html`<a href="${TEXTS}/${path}">${t(`texts.${key}`)}</a> `)}</p>
${textsNav(x, content.languages, language, journeys, journey)}
<ul class="inbox">${rows.filter((r) => r.file === journey && (r.target !== undefined || !r.optional)).map((r) => textCard(x, r, language, english, keys))}</ul>`,
      { notice: notice(req, res) },
    );
  });

  const notSaved = (res: Response, why: string) => {
    const { t } = textOf(res);
    sendPage(res, t("texts.notSaved"), html`<p class="card">${t(why)}</p>`, { status: 400 });
  };

  const rowOf = async (language: string, key: string) => (await content.texts(language)).find((r) => r.key === key);

  router.get(`${PATH}/edit`, editors, async (req, res) => {
    const language = languageOf(req);
    const row = await rowOf(language, String(req.query.key ?? ""));
    const { t } = textOf(res);
    if (!row)
      return sendPage(res, t("common.notFound"), html`<p class="card">${t("texts.noText")}</p>`, { status: 404 });
    sendPage(
      res,
      t("texts.editTitle", { key: row.key }),
      editForm(textOf(res), row, language, english, staffOf(res).csrfToken),
      {
        notice: notice(req, res),
      },
    );
  });

  const posted = (
    path: string,
    act: (staffId: number, form: z.infer<typeof textForm>) => Promise<boolean>,
    done: string,
  ) =>
    router.post(`${PATH}/${path}`, editors, async (req, res) => {
      const form = textForm.safeParse(req.body);
      if (!form.success || !(await act(staffOf(res).id, form.data))) return notSaved(res, "texts.nothingToDo");
      back(res, `/edit?lng=${encodeURIComponent(form.data.lng)}&key=${encodeURIComponent(form.data.key)}`, done);
    });
  // a textarea sends the line ends of the browser (CR LF): texts keep LF
  posted("draft", (id, f) => content.saveDraft(id, f.lng, f.key, (f.text ?? "").replace(/\r\n/g, "\n")), "drafted");
  posted("discard", (id, f) => content.discardDraft(id, f.lng, f.key), "discarded");
  posted("review", (id, f) => content.review(id, f.lng, f.key), "reviewed");

  router.get(`${PATH}/publish`, editors, async (req, res) => {
    const pending = await content.drafts();
    const { t } = textOf(res);
    sendPage(
      res,
      t("texts.publish"),
      html`<h1>${t("texts.publishDrafts")}</h1>
<p>${t("texts.publishIntro")}</p>
${
  pending.length
    ? html`<table class="cards"><thead><tr><th>${t("texts.language")}</th><th>${t("texts.text")}</th><th>${t("texts.draft")}</th><th>${t("texts.by")}</th></tr></thead><tbody>${pending.map(
        (
          d,
        ) => html`<tr><td>${d.language}</td><td data-label="${t("texts.text")}"><a href="${TEXTS}/edit?lng=${d.language}&amp;key=${encodeURIComponent(d.key)}"><code>${d.key}</code></a></td>
  <td data-label="${t("texts.draft")}"><span dir="auto" lang="${d.language}">${d.text}</span></td><td data-label="${t("texts.by")}">${d.by}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="card">${t("texts.noDrafts")}</p>`
}
<form method="post" action="${TEXTS}/publish">${csrfField(staffOf(res).csrfToken)}<button>${t("texts.publish")}</button></form>`,
      { notice: notice(req, res) },
    );
  });

  router.post(`${PATH}/publish`, editors, async (_req, res) => {
    const result = await content.publish(staffOf(res).id);
    if (result.ok) return back(res, "/versions", "published");
    if (result.reason === "nothing_to_publish") return back(res, "/publish", "nothing");
    const x = textOf(res);
    sendPage(
      res,
      x.t("texts.notPublished"),
      html`<h1>${x.t("texts.notPublished")}</h1>${findingsList(x, result.findings)}<p><a href="${TEXTS}/publish">${x.t("texts.back")}</a></p>`,
      {
        status: 409,
      },
    );
  });

  router.get(`${PATH}/versions`, editors, async (req, res) => {
    const versions = await content.versions();
    const csrf = csrfField(staffOf(res).csrfToken);
    const x = textOf(res);
    const { t } = x;
    const row = (v: (typeof versions)[number]) =>
      html`<tr><td><strong>${v.number}</strong>${v.restoredFrom ? ` (${t("texts.restores", { number: v.restoredFrom })})` : ""}</td>
  <td data-label="${t("texts.published")}">${x.time(v.publishedAt)}</td><td data-label="${t("texts.by")}">${v.staffUser.email}</td>
  <td data-label="${t("texts.restore")}"><form method="post" action="${TEXTS}/versions/${v.number}/restore" class="inline">${csrf}<button class="secondary">${t("texts.restoreVersion", { number: v.number })}</button></form></td></tr>`;
    sendPage(
      res,
      t("texts.versions"),
      html`<h1>${t("texts.versionsTitle")}</h1><p>${t("texts.liveVersion", { number: content.liveVersion })}</p>
${
  versions.length
    ? html`<table class="cards"><thead><tr><th>${t("texts.version")}</th><th>${t("texts.published")}</th><th>${t("texts.by")}</th><th>${t("texts.restore")}</th></tr></thead><tbody>${versions.map(row)}</tbody></table>`
    : html`<p class="card">${t("texts.noVersions")}</p>`
}`,
      { notice: notice(req, res) },
    );
  });

  router.post(`${PATH}/versions/:number/restore`, editors, async (req, res) => {
    const number = Number(req.params.number);
    const restored = Number.isSafeInteger(number) ? await content.restore(staffOf(res).id, number) : undefined;
    const { t } = textOf(res);
    if (restored === undefined)
      return sendPage(res, t("common.notFound"), html`<p class="card">${t("texts.noVersion")}</p>`, { status: 404 });
    back(res, "/versions", "restored");
  });

  router.get(`${PATH}/locales`, editors, async (_req, res) => {
    const x = textOf(res);
    sendPage(
      res,
      x.t("texts.languages"),
      html`<h1>${x.t("texts.languages")}</h1><p>${x.t("texts.localesIntro")}</p>
${localesTable(x, await content.summary())}`,
      { wide: true },
    );
  });

  router.get(`${PATH}/legal`, editors, async (req, res) => {
    const { set, published } = await content.legal();
    const csrf = csrfField(staffOf(res).csrfToken);
    const { t } = textOf(res);
    sendPage(
      res,
      t("texts.legalChecks"),
      html`<h1>${t("texts.legalChecks")}</h1><p>${t("texts.legalIntro")}</p>
<ul class="inbox">${content.legalTopics.map(
        (
          topic,
        ) => html`<li class="card"><form method="post" action="${TEXTS}/legal" class="row filters">${csrf}<input type="hidden" name="topic" value="${topic}">
  <label>${topic} <input type="date" name="day" value="${set[topic] ?? ""}" required></label><button class="secondary">${t("texts.save")}</button>
  <span class="meta">${published[topic] ? t("texts.legalLive", { day: published[topic] }) : t("texts.legalHidden")}</span></form></li>`,
      )}</ul>`,
      { notice: notice(req, res) },
    );
  });

  router.post(`${PATH}/legal`, editors, async (req, res) => {
    const form = legalForm.safeParse(req.body);
    if (!form.success || !content.legalTopics.includes(form.data.topic)) return notSaved(res, "texts.legalInvalid");
    await content.setLegalCheck(staffOf(res).id, form.data.topic, form.data.day);
    back(res, "/legal", "legal");
  });
  return router;
}
