import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { ContentService } from "../domain/content/service.ts";
import { allow, staffOf } from "./auth.ts";
import { html } from "./html.ts";
import type { Labels } from "./labels.ts";
import { csrfField, sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { textOf } from "./staff-text.ts";
import { editForm, findingsList, localesTable, TEXTS, textCard, textsNav } from "./text-views.ts";

const PATH = STAFF_PAGES.texts.path;
const DONE: Record<string, string> = {
  drafted: "Draft saved. Publish to make it live.",
  discarded: "Draft discarded.",
  reviewed: "Marked reviewed.",
  published: "Published: live in every server within seconds.",
  restored: "Restored as a new version: live in every server within seconds.",
  nothing: "Nothing to publish: no drafts and no new legal checks.",
  legal: "Legal check saved. Publish to make it live.",
};

const textForm = z.object({ lng: z.string(), key: z.string(), text: z.string().max(4000).optional() });
const legalForm = z.object({ topic: z.string(), day: z.iso.date() });

/**
 * The bot's texts for editors and admins (page table: `texts`): every text by journey, English beside the
 * chosen locale; drafts, publish, versions and restore, reviews, the locale dashboard and legal checks.
 */
export function textsPages(content: ContentService, labels: Labels): Router {
  const router = Router();
  const editors = allow("texts");
  const english = content.defaultLanguage;
  const languageOf = (req: Request) => {
    const lng = typeof req.query.lng === "string" ? req.query.lng : "";
    return content.languages.includes(lng) ? lng : (content.languages.find((l) => l !== english) ?? english);
  };
  const notice = (req: Request) => (typeof req.query.done === "string" ? DONE[req.query.done] : undefined);
  const back = (res: Response, path: string, done: string) =>
    res.redirect(303, `${TEXTS}${path}${path.includes("?") ? "&" : "?"}done=${done}`);

  router.get(PATH, editors, async (req, res) => {
    const language = languageOf(req);
    const rows = await content.texts(language);
    const journeys = [...new Set(rows.map((r) => r.file))];
    const journey = journeys.includes(String(req.query.journey)) ? String(req.query.journey) : (journeys[0] ?? "");
    const keys = new Set(rows.filter((r) => r.target !== undefined).map((r) => r.key));
    sendPage(
      res,
      "Texts",
      html`<h1>Texts</h1>
<p class="row"><a href="${TEXTS}/publish">Publish drafts</a> <a href="${TEXTS}/versions">Versions</a> <a href="${TEXTS}/locales">Languages</a> <a href="${TEXTS}/legal">Legal checks</a></p>
${textsNav(textOf(res), content.languages, language, journeys, journey)}
<ul class="inbox">${rows.filter((r) => r.file === journey && (r.target !== undefined || !r.optional)).map((r) => textCard(textOf(res), r, language, english, keys))}</ul>`,
      { notice: notice(req) },
    );
  });

  const rowOf = async (language: string, key: string) => (await content.texts(language)).find((r) => r.key === key);

  router.get(`${PATH}/edit`, editors, async (req, res) => {
    const language = languageOf(req);
    const row = await rowOf(language, String(req.query.key ?? ""));
    if (!row) return sendPage(res, "Not found", html`<p class="card">No such text.</p>`, { status: 404 });
    sendPage(res, `Edit ${row.key}`, editForm(textOf(res), row, language, english, staffOf(res).csrfToken), {
      notice: notice(req),
    });
  });

  const posted = (
    path: string,
    act: (staffId: number, form: z.infer<typeof textForm>) => Promise<boolean>,
    done: string,
  ) =>
    router.post(`${PATH}/${path}`, editors, async (req, res) => {
      const form = textForm.safeParse(req.body);
      if (!form.success || !(await act(staffOf(res).id, form.data)))
        return sendPage(res, "Not saved", html`<p class="card">No such text, or nothing to do.</p>`, { status: 400 });
      back(res, `/edit?lng=${encodeURIComponent(form.data.lng)}&key=${encodeURIComponent(form.data.key)}`, done);
    });
  // a textarea sends the line ends of the browser (CR LF): texts keep LF
  posted("draft", (id, f) => content.saveDraft(id, f.lng, f.key, (f.text ?? "").replace(/\r\n/g, "\n")), "drafted");
  posted("discard", (id, f) => content.discardDraft(id, f.lng, f.key), "discarded");
  posted("review", (id, f) => content.review(id, f.lng, f.key), "reviewed");

  router.get(`${PATH}/publish`, editors, async (req, res) => {
    const pending = await content.drafts();
    sendPage(
      res,
      "Publish",
      html`<h1>Publish drafts</h1>
<p>Publishing makes every draft (and every legal check set since) live at once, as a new numbered version.</p>
${
  pending.length
    ? html`<table class="cards"><thead><tr><th>Language</th><th>Text</th><th>Draft</th><th>By</th></tr></thead><tbody>${pending.map(
        (
          d,
        ) => html`<tr><td>${d.language}</td><td data-label="Text"><a href="${TEXTS}/edit?lng=${d.language}&amp;key=${encodeURIComponent(d.key)}"><code>${d.key}</code></a></td>
  <td data-label="Draft"><span dir="auto" lang="${d.language}">${d.text}</span></td><td data-label="By">${d.by}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="card">No drafts.</p>`
}
<form method="post" action="${TEXTS}/publish">${csrfField(staffOf(res).csrfToken)}<button>Publish</button></form>`,
      { notice: notice(req) },
    );
  });

  router.post(`${PATH}/publish`, editors, async (_req, res) => {
    const result = await content.publish(staffOf(res).id);
    if (result.ok) return back(res, "/versions", "published");
    if (result.reason === "nothing_to_publish") return back(res, "/publish", "nothing");
    sendPage(
      res,
      "Not published",
      html`<h1>Not published</h1>${findingsList(result.findings)}<p><a href="${TEXTS}/publish">Back</a></p>`,
      {
        status: 409,
      },
    );
  });

  router.get(`${PATH}/versions`, editors, async (req, res) => {
    const versions = await content.versions();
    const csrf = csrfField(staffOf(res).csrfToken);
    const row = (v: (typeof versions)[number]) =>
      html`<tr><td><strong>${v.number}</strong>${v.restoredFrom ? ` (restores ${v.restoredFrom})` : ""}</td>
  <td data-label="Published">${labels.time(v.publishedAt)}</td><td data-label="By">${v.staffUser.email}</td>
  <td data-label="Restore"><form method="post" action="${TEXTS}/versions/${v.number}/restore" class="inline">${csrf}<button class="secondary">Restore version ${v.number}</button></form></td></tr>`;
    sendPage(
      res,
      "Versions",
      html`<h1>Content versions</h1><p>This server runs version ${content.liveVersion} (0: the locale files alone).</p>
${
  versions.length
    ? html`<table class="cards"><thead><tr><th>Version</th><th>Published</th><th>By</th><th>Restore</th></tr></thead><tbody>${versions.map(row)}</tbody></table>`
    : html`<p class="card">Nothing published yet: people read the locale files.</p>`
}`,
      { notice: notice(req) },
    );
  });

  router.post(`${PATH}/versions/:number/restore`, editors, async (req, res) => {
    const number = Number(req.params.number);
    const restored = Number.isSafeInteger(number) ? await content.restore(staffOf(res).id, number) : undefined;
    if (restored === undefined)
      return sendPage(res, "Not found", html`<p class="card">No such version.</p>`, { status: 404 });
    back(res, "/versions", "restored");
  });

  router.get(`${PATH}/locales`, editors, async (_req, res) => {
    sendPage(
      res,
      "Languages",
      html`<h1>Languages</h1><p>A language is complete when every text is translated, reviewed by a person, and not stale (English changed since its review).</p>
${localesTable(textOf(res), await content.summary())}`,
      { wide: true },
    );
  });

  router.get(`${PATH}/legal`, editors, async (req, res) => {
    const { set, published } = await content.legal();
    const csrf = csrfField(staffOf(res).csrfToken);
    sendPage(
      res,
      "Legal checks",
      html`<h1>Legal checks</h1><p>When a lawyer has checked a rights topic, set the day: the topic's reply then ends with it, in the person's language, from the next publish.</p>
<ul class="inbox">${content.legalTopics.map(
        (
          topic,
        ) => html`<li class="card"><form method="post" action="${TEXTS}/legal" class="row filters">${csrf}<input type="hidden" name="topic" value="${topic}">
  <label>${topic} <input type="date" name="day" value="${set[topic] ?? ""}" required></label><button class="secondary">Save</button>
  <span class="meta">${published[topic] ? `live: checked on ${published[topic]}` : "not shown to people"}</span></form></li>`,
      )}</ul>`,
      { notice: notice(req) },
    );
  });

  router.post(`${PATH}/legal`, editors, async (req, res) => {
    const form = legalForm.safeParse(req.body);
    if (!form.success || !content.legalTopics.includes(form.data.topic))
      return sendPage(res, "Not saved", html`<p class="card">Choose a topic and a day.</p>`, { status: 400 });
    await content.setLegalCheck(staffOf(res).id, form.data.topic, form.data.day);
    back(res, "/legal", "legal");
  });
  return router;
}
