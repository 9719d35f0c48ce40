import { type Request, type Response, Router } from "express";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import { importCasesCsv } from "../domain/cases/import-csv.ts";
import { countCases, listCases } from "../domain/cases/repository.ts";
import { formatReport, type ImportReport, refusedRows } from "../domain/csv.ts";
import type { Areas } from "../domain/areas/areas.ts";
import { importPartnersCsv, splitList } from "../domain/partners/import-csv.ts";
import { isReferralStatus, REFERRAL_STATUSES } from "../domain/partners/referral.ts";
import {
  countPartners,
  countReferrals,
  getPartner,
  listPartners,
  listReferrals,
} from "../domain/partners/repository.ts";
import { editPartner, moveReferral } from "../domain/partners/staff-edits.ts";
import { allow, staffOf } from "./auth.ts";
import { formParser } from "./before-body.ts";
import { html } from "./html.ts";
import { withId } from "./ids.ts";
import { type StaffText, textOf } from "./staff-text.ts";
import { csrfField, sendPage } from "./layout.ts";
import { PAGE_SIZE, pager, readPage } from "./paging.ts";

/** The paste-a-CSV forms post whole files: a larger body than the app's other forms, on these two routes only. */
export const importFormParser = formParser("2mb", 5);

const optionalCell = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/**
 * Referrals (caseworkers and admins), partners and cases (admins): lists, edits and CSV imports.
 * Mounted inside the staff app, after its session and CSRF guards.
 */
export function recordPages(prisma: Prisma, areas: Areas): Router {
  const router = Router();
  const referralsPage = allow("referrals");
  const partnersPage = allow("partners");
  const casesPage = allow("cases");
  // A pasted CSV goes through the same importer as the command line, which prints the same report.
  const pasted = (req: Request) => String(req.body?.csv ?? "");
  const audited = async (res: Response, action: "partners_imported" | "cases_imported", report: ImportReport) => {
    await audit(prisma, {
      staffUserId: staffOf(res).id,
      action,
      detail: { created: report.created, updated: report.updated, refused: refusedRows(report) },
    });
    return { status: report.problems.length ? 400 : 200, report: formatReport("pasted CSV", report) };
  };

  // Referrals: our staff never see the phone number here (the conversation page is one link away); a partner's
  // account sees only its partner's referrals, with the name and number the person agreed to share with it.
  const referrals = async (req: Request, res: Response, code = 200, notice?: string) => {
    const x = textOf(res);
    const { csrfToken: csrf, partnerId } = staffOf(res);
    const filter =
      typeof req.query.status === "string" && isReferralStatus(req.query.status) ? req.query.status : undefined;
    const where = { ...(filter ? { status: filter } : {}), ...(partnerId === null ? {} : { partnerId }) };
    const list = await readPage(
      req.query,
      PAGE_SIZE,
      (w) => listReferrals(prisma, where, w),
      () => countReferrals(prisma, where),
    );
    const rows = list.rows;
    const { t } = x;
    const status = (s: string) => t(`referralStatus.${s}`);
    const option = (s: string, chosen: string | undefined) =>
      html`<option value="${s}"${s === chosen ? html` selected` : ""}>${status(s)}</option>`;
    const col = (key: string) => t(`referrals.${key}`);
    sendPage(
      res,
      t("nav.referrals"),
      html`<h1>${t("nav.referrals")}</h1>
<form method="get" action="/staff/referrals" class="row"><label for="status">${col("status")}</label><select id="status" name="status"><option value="">${t("referrals.all")}</option>
  ${REFERRAL_STATUSES.map((s) => option(s, filter))}</select><button class="secondary">${t("filter.show")}</button></form>
<table class="cards"><thead><tr><th>${col("partner")}</th><th>${col("service")}</th><th>${col("name")}</th>${partnerId === null ? "" : html`<th>${col("phone")}</th>`}<th>${col("consent")}</th><th>${col("status")}</th><th>${col("created")}</th><th>${col("change")}</th></tr></thead><tbody>
${rows.map(
  (
    r,
  ) => html`<tr><td><strong>${r.partner.name}</strong></td><td data-label="${col("service")}">${x.category(r.service)}</td><td data-label="${col("name")}">${r.name || t("referrals.erased")}</td>${partnerId === null ? "" : html`<td data-label="${col("phone")}">${r.contact ? html`<a href="tel:${r.contact.address}" dir="ltr">${r.contact.address}</a>` : ""}</td>`}<td data-label="${col("consent")}">${x.time(r.consentAt)}</td>
  <td data-label="${col("status")}"><span class="badge">${status(r.status)}</span></td><td data-label="${col("created")}">${x.time(r.createdAt)}</td>
  <td><form class="inline" method="post" action="/staff/referrals/${r.id}/status">${csrfField(csrf)}
    <select name="status" aria-label="${col("newStatus")}">${REFERRAL_STATUSES.map((s) => option(s, r.status))}</select>
    <button class="secondary">${col("set")}</button></form></td></tr>`,
)}
</tbody></table>${rows.length ? "" : html`<p class="card">${filter ? t("referrals.noneWith", { status: status(filter) }) : t("referrals.none")}</p>`}
${pager(x, list, { path: "/staff/referrals", filters: filter ? `status=${filter}` : "" })}`,
      { status: code, notice, wide: true },
    );
  };
  router.get("/referrals", referralsPage, (req, res) => referrals(req, res));
  router.post(
    "/referrals/:id/status",
    referralsPage,
    withId(async (req, res, id) => {
      const { id: staffUserId, partnerId } = staffOf(res);
      const moved = await moveReferral(prisma, { staffUserId, partnerId }, id, String(req.body?.status ?? ""));
      if (moved.ok) return res.redirect(303, "/staff/referrals");
      const { t } = textOf(res);
      if (moved.reason === "not_found") return referrals(req, res, 404, t("referrals.notFound"));
      const order = REFERRAL_STATUSES.map((s) => t(`referralStatus.${s}`)).join(" → ");
      referrals(req, res, 409, t("referrals.onlyForward", { order, status: t(`referralStatus.${moved.status}`) }));
    }),
  );

  // Partners
  const partners = async (req: Request, res: Response, status = 200, notice?: string, report?: string) => {
    const x = textOf(res);
    const csrf = staffOf(res).csrfToken;
    const list = await readPage(
      req.query,
      PAGE_SIZE,
      (w) => listPartners(prisma, {}, w),
      () => countPartners(prisma),
    );
    const rows = list.rows;
    const { t } = x;
    sendPage(
      res,
      t("nav.partners"),
      html`<h1>${t("nav.partners")}</h1>${report ? html`<pre class="card" dir="ltr">${report}</pre>` : ""}
<ul class="inbox">${rows.map(
        (
          p,
        ) => html`<li class="card row"><strong>${p.name}</strong><span>${p.code}</span><span>${p.services.map(x.category).join(", ")}</span><span>${p.areas.map(x.area).join(", ")}</span>
  ${p.active ? "" : html`<span class="badge urgent">${t("partners.inactive")}</span>`}<a href="/staff/partners/${p.id}">${t("partners.edit")}</a></li>`,
      )}</ul>
${pager(x, list, { path: "/staff/partners", filters: "" })}
${importForm(x, "/staff/partners/import", t("partners.import"), "code,name,services,areas,languages,phone,hours", csrf)}`,
      { status, notice, wide: true },
    );
  };
  const editPage = async (res: Response, id: number, status = 200, problems: string[] = []) => {
    const { t } = textOf(res);
    const p = await getPartner(prisma, id);
    if (!p)
      return sendPage(res, t("common.notFound"), html`<p class="card">${t("partners.notFound")}</p>`, {
        status: 404,
        wide: true,
      });
    const field = (name: string, value: string | null) =>
      html`<label for="${name}">${t(`partners.field.${name}`)}</label><input id="${name}" name="${name}" value="${value ?? ""}">`;
    sendPage(
      res,
      t("partners.editTitle"),
      html`<h1>${p.name}</h1>
${problems.length ? html`<div class="notice" role="alert"><p>${t("partners.notSaved")}</p><ul>${problems.map((m) => html`<li>${m}</li>`)}</ul></div>` : ""}
<form method="post" action="/staff/partners/${p.id}" class="card">${csrfField(staffOf(res).csrfToken)}
  ${field("code", p.code)}${field("name", p.name)}
  ${field("services", p.services.join("; "))}${field("areas", p.areas.join("; "))}
  ${field("languages", p.languages.join("; "))}
  ${field("phone", p.phone)}${field("whatsapp", p.whatsapp)}${field("email", p.email)}
  ${field("address", p.address)}${field("hours", p.hours)}
  <label><input type="checkbox" name="active" value="yes"${p.active ? html` checked` : ""}> ${t("partners.active")}</label>
  <p><button>${t("account.save")}</button> <a href="/staff/partners">${t("partners.back")}</a></p></form>`,
      { status, wide: true },
    );
  };
  router.get("/partners", partnersPage, (req, res) => partners(req, res));
  router.get(
    "/partners/:id",
    partnersPage,
    withId((_req, res, id) => editPage(res, id)),
  );
  router.post("/partners/import", partnersPage, async (req, res) => {
    const done = await audited(res, "partners_imported", await importPartnersCsv(prisma, pasted(req), areas));
    partners(req, res, done.status, undefined, done.report);
  });
  router.post(
    "/partners/:id",
    partnersPage,
    withId(async (req, res, id) => {
      const b = req.body ?? {};
      const edit = await editPartner(prisma, areas, staffOf(res).id, id, {
        code: String(b.code ?? "").trim(),
        name: String(b.name ?? ""),
        services: splitList(String(b.services ?? "")),
        areas: splitList(String(b.areas ?? "")),
        languages: splitList(String(b.languages ?? "")),
        phone: optionalCell(b.phone),
        whatsapp: optionalCell(b.whatsapp),
        email: optionalCell(b.email),
        address: optionalCell(b.address),
        hours: String(b.hours ?? ""),
        active: b.active === "yes",
      });
      if (edit.ok) return res.redirect(303, "/staff/partners");
      if (edit.reason === "not_found") return editPage(res, id);
      editPage(res, id, edit.reason === "invalid" ? 400 : 409, edit.problems);
    }),
  );

  // Cases: stage and dates only; the factor's hash never leaves the database.
  const cases = async (req: Request, res: Response, status = 200, report?: string) => {
    const x = textOf(res);
    const list = await readPage(
      req.query,
      PAGE_SIZE,
      (w) => listCases(prisma, w),
      () => countCases(prisma),
    );
    const rows = list.rows;
    const { t } = x;
    const col = (key: string) => t(`cases.${key}`);
    sendPage(
      res,
      t("nav.cases"),
      html`<h1>${t("nav.cases")}</h1>${report ? html`<pre class="card" dir="ltr">${report}</pre>` : ""}
<table class="cards"><thead><tr><th>${col("number")}</th><th>${col("stage")}</th><th>${col("next")}</th><th>${col("updated")}</th></tr></thead><tbody>
${rows.map((c) => html`<tr><td><strong>${c.caseNumber}</strong></td><td data-label="${col("stage")}">${c.stage}</td><td data-label="${col("next")}">${x.time(c.nextAppointment)}</td><td data-label="${col("updated")}">${x.time(c.updatedAt)}</td></tr>`)}
</tbody></table>${pager(x, list, { path: "/staff/cases", filters: "", newestFirst: true })}
${importForm(x, "/staff/cases/import", t("cases.import"), "case_number,factor_kind,factor,stage,next_appointment,next_step", staffOf(res).csrfToken)}`,
      { status, wide: true },
    );
  };
  router.get("/cases", casesPage, (req, res) => cases(req, res));
  router.post("/cases/import", casesPage, async (req, res) => {
    const done = await audited(res, "cases_imported", await importCasesCsv(prisma, pasted(req)));
    cases(req, res, done.status, done.report);
  });
  return router;
}

const importForm = (
  { t }: StaffText,
  action: string,
  title: string,
  header: string,
  csrf: string,
) => html`<form method="post" action="${action}" class="card">${csrfField(csrf)}
  <h2>${title}</h2><label for="csv">${t("import.paste", { header })}</label>
  <textarea id="csv" name="csv" rows="10" dir="ltr" required></textarea><p><button>${t("import.submit")}</button></p></form>`;
