import { type Response, Router } from "express";
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { type AuditFilter, audit, auditActions, auditBatches, auditPage } from "../domain/audit/repository.ts";
import { csvLine } from "../domain/csv.ts";
import { roleSchema } from "../domain/roles.ts";
import { allow, hashPassword, staffOf } from "./auth.ts";
import { html } from "./html.ts";
import { parseId, withId } from "./ids.ts";
import { csrfField, sendPage } from "./layout.ts";
import { PAGE_SIZE, pager, readPage } from "./paging.ts";
import { textOf } from "./staff-text.ts";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy.ts";
import { listPartners } from "../domain/partners/repository.ts";
import { accountPartner } from "./account-partner.ts";
import { createUser, findUserByEmail, listUsers, setActive, setLanguages, setTotp, userEmail } from "./repository.ts";
import { staffLanguagesSchema } from "./staff-languages.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";

const newUserSchema = z
  .object({
    email: z.email().transform((e) => e.toLowerCase()),
    role: roleSchema,
    password: z.string(),
    languages: staffLanguagesSchema.default([]),
    /** a partner's code, for a partner account ("" when none is picked) */
    partner: z
      .string()
      .optional()
      .transform((c) => c || undefined),
  })
  .superRefine(async (u, ctx) => {
    const problem = await passwordProblem(u.password, u.email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

// a filter that is not a day or is too long is dropped, as the other lists' filters are
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((d) => new Date(`${d}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()))
  .optional()
  .catch(undefined);
const word = z.string().trim().min(1).max(100).optional().catch(undefined);

function auditFilterOf(query: Record<string, unknown>): { filter: AuditFilter; query: URLSearchParams } {
  const filter: AuditFilter = {
    contactId: parseId(query.contact),
    who: word.parse(query.who),
    action: word.parse(query.action),
    from: day.parse(query.from),
    to: day.parse(query.to),
  };
  const q = new URLSearchParams();
  if (filter.contactId) q.set("contact", String(filter.contactId));
  for (const key of ["who", "action", "from", "to"] as const) if (filter[key]) q.set(key, String(query[key]).trim());
  return { filter, query: q };
}

/** An entry's detail as words: "reason: wrong_password · address: 10.0.0.1". */
const detailText = (detail: unknown) =>
  Object.entries(Object(detail))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(" · ");
/**
 * Who an entry is by: a staff member, someone not signed in (a refused sign-in names the email typed), or the system.
 */
const whoDid = (
  r: { staffUser: { email: string } | null; detail: unknown },
  words: { anonymous: string; system: string } = { anonymous: "not signed in", system: "system" },
) => r.staffUser?.email ?? ("email" in Object(r.detail) ? words.anonymous : words.system);
const AUDIT_CSV_HEADER = csvLine(["at_utc", "staff", "action", "conversation", "detail"]);

/** Admin pages: staff accounts and the audit log. Mounted under /staff after the session and CSRF guards. */
export function adminPages(prisma: Prisma, throttle: SignInThrottle): Router {
  const router = Router();
  const users = allow("users");
  const auditLog = allow("audit");
  const show = async (res: Response, status = 200, notice?: string) => {
    const x = textOf(res);
    const staff = staffOf(res);
    const [users, partners] = await Promise.all([listUsers(prisma), listPartners(prisma)]);
    const slowed = await throttle.of(users.map((u) => u.email));
    const csrf = csrfField(staff.csrfToken);
    const button = (id: number, path: string, label: string) =>
      html`<form class="inline" method="post" action="/staff/users/${id}/${path}">${csrf}<button class="secondary">${label}</button></form>`;
    const { t } = x;
    const body = html`<h1>${t("users.title")}</h1>
<ul class="inbox">${users.map((u) => {
      const slow = slowed.get(u.email);
      return html`<li class="card"><div class="row"><strong>${u.email}</strong><span class="badge">${t(`role.${u.role}`, { defaultValue: u.role })}</span>${u.partner ? html`<span>${u.partner.name}</span>` : ""}
  ${u.active ? "" : html`<span class="badge urgent">${t("users.disabled")}</span>`}${u.totpSecret ? html`<span class="badge">${t("users.twoFactor")}</span>` : ""}
  ${u.id === staff.id ? "" : button(u.id, u.active ? "disable" : "enable", u.active ? t("users.disable") : t("users.enable"))}
  ${u.totpSecret && u.id !== staff.id ? button(u.id, "reset-two-factor", t("users.resetTwoFactor")) : ""}</div>
  ${
    u.role === "analyst"
      ? ""
      : html`<form method="post" action="/staff/users/${u.id}/languages" class="row filters">${csrf}
    <label>${t("users.worksIn")} <input name="languages" value="${u.languages.join(", ")}" placeholder="ar, fa" size="14"></label><button class="secondary">${t("users.saveLanguages")}</button></form>`
  }
  ${
    slow
      ? html`<div class="row notice"><span>${t("users.failures", { count: slow.failures, at: x.time(slow.lastFailureAt) })}${slow.nextAttemptAt > new Date() ? t("users.othersWait", { at: x.time(slow.nextAttemptAt) }) : ""}</span>
    ${button(u.id, "clear-sign-in", t("users.clear"))}</div>`
      : ""
  }
</li>`;
    })}</ul>
<form method="post" action="/staff/users" class="card">${csrfField(staff.csrfToken)}<h2>${t("users.add")}</h2>
  <label for="email">${t("login.email")}</label><input id="email" name="email" type="email" required>
  <label for="role">${t("users.role")}</label><select id="role" name="role">${roleSchema.options.map((r) => html`<option value="${r}">${t(`role.${r}`)}</option>`)}</select>
  <label for="partner">${t("users.partner")}</label><select id="partner" name="partner"><option value="">${t("users.noPartner")}</option>${partners.map((p) => html`<option value="${p.code}">${p.name}</option>`)}</select>
  <label for="languages">${t("users.languages")}</label><input id="languages" name="languages" placeholder="ar, fa">
  <label for="password">${t("users.password", { min: MIN_PASSWORD_LENGTH })}</label><input id="password" name="password" type="password" autocomplete="new-password" required>
  <p><button>${t("users.addButton")}</button></p></form>`;
    sendPage(res, t("users.title"), body, { status, notice });
  };

  router.get("/users", users, async (_req, res) => show(res));
  router.post("/users", users, async (req, res) => {
    const parsed = await newUserSchema.safeParseAsync(req.body);
    if (!parsed.success)
      return show(
        res,
        400,
        parsed.error.issues
          .map((i) => (i.path[0] === "password" ? i.message : `${i.path.join(".")}: ${i.message}`))
          .join("; "),
      );
    if (await findUserByEmail(prisma, parsed.data.email)) return show(res, 409, textOf(res).t("users.exists"));
    const partner = await accountPartner(prisma, parsed.data.role, parsed.data.partner);
    if (!partner.ok) return show(res, 400, textOf(res).t("users.partnerProblem"));
    const user = await createUser(prisma, {
      email: parsed.data.email,
      role: parsed.data.role,
      passwordHash: await hashPassword(parsed.data.password),
      languages: parsed.data.languages,
      partnerId: partner.partnerId,
    });
    await audit(prisma, {
      staffUserId: staffOf(res).id,
      action: "user_added",
      detail: { user: user.id, role: user.role, ...(partner.partnerId === null ? {} : { partner: partner.partnerId }) },
    });
    res.redirect(303, "/staff/users");
  });
  const toggle = (active: boolean) =>
    withId(async (_req, res, id) => {
      if (id === staffOf(res).id || !(await setActive(prisma, id, active)))
        return show(res, 400, textOf(res).t("users.notChanged"));
      await audit(prisma, {
        staffUserId: staffOf(res).id,
        action: active ? "user_enabled" : "user_disabled",
        detail: { user: id },
      });
      res.redirect(303, "/staff/users");
    });
  router.post(
    "/users/:id/languages",
    users,
    withId(async (req, res, id) => {
      const languages = staffLanguagesSchema.safeParse(String(req.body?.languages ?? ""));
      const { t } = textOf(res);
      if (!languages.success)
        return show(res, 400, t("users.badLanguages", { problem: languages.error.issues[0]?.message ?? "" }));
      if (!(await setLanguages(prisma, id, languages.data))) return show(res, 400, t("users.notChanged"));
      await audit(prisma, {
        staffUserId: staffOf(res).id,
        action: "user_languages",
        detail: { user: id, languages: languages.data.join(",") },
      });
      res.redirect(303, "/staff/users");
    }),
  );
  router.post("/users/:id/disable", users, toggle(false));
  router.post("/users/:id/enable", users, toggle(true));
  // someone's failed sign-ins made everyone else wait: an admin who knows it is them lets them in now
  router.post(
    "/users/:id/clear-sign-in",
    users,
    withId(async (_req, res, id) => {
      const email = await userEmail(prisma, id);
      if (!email || !(await throttle.clear(email))) return show(res, 400, textOf(res).t("users.nothingToClear"));
      await audit(prisma, { staffUserId: staffOf(res).id, action: "sign_in_cleared", detail: { user: id } });
      res.redirect(303, "/staff/users");
    }),
  );
  // a lost phone: the person signs in with the password alone and sets two-factor up again
  router.post(
    "/users/:id/reset-two-factor",
    users,
    withId(async (_req, res, id) => {
      if (id === staffOf(res).id || !(await userEmail(prisma, id)))
        return show(res, 400, textOf(res).t("users.notChanged"));
      await setTotp(prisma, id, null);
      await audit(prisma, { staffUserId: staffOf(res).id, action: "two_factor_reset", detail: { user: id } });
      res.redirect(303, "/staff/users");
    }),
  );

  router.get("/audit", auditLog, async (req, res) => {
    const x = textOf(res);
    const { filter, query } = auditFilterOf(req.query);
    const [list, actions] = await Promise.all([
      readPage(req.query, PAGE_SIZE, (w) => auditPage(prisma, filter, w)),
      auditActions(prisma),
    ]);
    const { t } = x;
    const words = { anonymous: t("audit.anonymous"), system: t("audit.system") };
    const body = html`<h1>${t("nav.audit")}${filter.contactId ? ` · ${t("audit.conversation", { id: filter.contactId })}` : ""}</h1>
<form method="get" action="/staff/audit" class="card row filters">${filter.contactId ? html`<input type="hidden" name="contact" value="${filter.contactId}">` : ""}
  <label>${t("audit.who")} <input name="who" type="search" value="${filter.who ?? ""}" placeholder="${t("login.email")}" size="18"></label>
  <label>${t("audit.action")} <select name="action"><option value="">${t("filter.any")}</option>${actions.map((a) => html`<option${a === filter.action ? html` selected` : ""}>${a}</option>`)}</select></label>
  <label>${t("search.from")} <input name="from" type="date" value="${query.get("from") ?? ""}"></label>
  <label>${t("search.to")} <input name="to" type="date" value="${query.get("to") ?? ""}"></label>
  <button>${t("filter.show")}</button> <a href="/staff/audit.csv${query.size ? `?${query}` : ""}">${t("audit.csv")}</a>
</form>
${list.rows.length ? "" : html`<p class="card">${query.size ? t("audit.noneFiltered") : t("audit.none")}</p>`}
<ul class="inbox audit">${list.rows.map(
      (r) => html`<li class="card"><div class="row"><strong>${r.action}</strong><span>${whoDid(r, words)}</span>
  ${r.contactId ? html`<a href="/staff/audit?contact=${r.contactId}">${t("audit.conversation", { id: r.contactId })}</a>` : ""}<span class="meta">${x.time(r.at)}</span></div>
  ${detailText(r.detail) ? html`<div class="meta">${detailText(r.detail)}</div>` : ""}</li>`,
    )}</ul>
${pager(x, list, { path: "/staff/audit", filters: query.toString(), newestFirst: true })}`;
    sendPage(res, t("nav.audit"), body);
  });

  router.get("/audit.csv", auditLog, async (req, res) => {
    const { filter, query } = auditFilterOf(req.query);
    res
      .type("text/csv; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
      .write(AUDIT_CSV_HEADER);
    let rows = 0;
    try {
      for await (const batch of auditBatches(prisma, filter)) {
        rows += batch.length;
        const text = batch
          .map((r) =>
            csvLine([
              r.at.toISOString(),
              whoDid(r),
              r.action,
              r.contactId ? String(r.contactId) : "",
              detailText(r.detail),
            ]),
          )
          .join("");
        if (!res.write(text)) await new Promise((resolve) => res.once("drain", resolve));
      }
      await audit(prisma, {
        staffUserId: staffOf(res).id,
        action: "audit_exported",
        detail: { rows, filters: query.toString() },
      });
      res.end();
    } catch (err) {
      // the status line is sent already: cut the download so it cannot pass for a whole file
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  });
  return router;
}
