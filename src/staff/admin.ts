import { type Response, Router } from "express";
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { audit, auditPage } from "../domain/audit/repository.ts";
import { hashPassword, requireRole, roleSchema, staffOf } from "./auth.ts";
import { html } from "./html.ts";
import { parseId, withId } from "./ids.ts";
import { csrfField, sendPage } from "./layout.ts";
import { PAGE_SIZE, pager, readPage } from "./paging.ts";
import { createUser, findUserByEmail, listUsers, setActive } from "./repository.ts";
import type { Labels } from "./labels.ts";

const newUserSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  role: roleSchema,
  password: z.string().min(12, "at least 12 characters"),
});

/** Admin pages: staff accounts and the audit log. Mounted under /staff after the session and CSRF guards. */
export function adminPages(prisma: Prisma, labels: Labels): Router {
  const router = Router();
  const admin = requireRole("admin");
  const show = async (res: Response, status = 200, notice?: string) => {
    const staff = staffOf(res);
    const users = await listUsers(prisma);
    const body = html`<h1>Staff accounts</h1>
<ul class="inbox">${users.map((u) => html`<li class="card row"><strong>${u.email}</strong><span class="badge">${u.role}</span>
  ${u.active ? "" : html`<span class="badge urgent">disabled</span>`}
  ${u.id === staff.id ? "" : html`<form class="inline" method="post" action="/staff/users/${u.id}/${u.active ? "disable" : "enable"}">${csrfField(staff.csrfToken)}<button class="secondary">${u.active ? "Disable" : "Enable"}</button></form>`}
</li>`)}</ul>
<form method="post" action="/staff/users" class="card">${csrfField(staff.csrfToken)}<h2>Add an account</h2>
  <label for="email">Email</label><input id="email" name="email" type="email" required>
  <label for="role">Role</label><select id="role" name="role">${roleSchema.options.map((r) => html`<option>${r}</option>`)}</select>
  <label for="password">Password (at least 12 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" required>
  <p><button>Add</button></p></form>`;
    sendPage(res, "Staff accounts", body, { status, notice });
  };

  router.get("/users", admin, async (_req, res) => show(res));
  router.post("/users", admin, async (req, res) => {
    const parsed = newUserSchema.safeParse(req.body);
    if (!parsed.success) return show(res, 400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    if (await findUserByEmail(prisma, parsed.data.email)) return show(res, 409, "An account with this email exists.");
    const user = await createUser(prisma, { email: parsed.data.email, role: parsed.data.role, passwordHash: await hashPassword(parsed.data.password) });
    await audit(prisma, { staffUserId: staffOf(res).id, action: "user_added", detail: { user: user.id, role: user.role } });
    res.redirect(303, "/staff/users");
  });
  const toggle = (active: boolean) => withId(async (_req, res, id) => {
    if (id === staffOf(res).id || !(await setActive(prisma, id, active))) return show(res, 400, "Not changed.");
    await audit(prisma, { staffUserId: staffOf(res).id, action: active ? "user_enabled" : "user_disabled", detail: { user: id } });
    res.redirect(303, "/staff/users");
  });
  router.post("/users/:id/disable", admin, toggle(false));
  router.post("/users/:id/enable", admin, toggle(true));

  router.get("/audit", admin, async (req, res) => {
    // a filter that is not one of our ids is dropped, as the other lists' filters are
    const contactId = parseId(req.query.contact);
    const list = await readPage(req.query, PAGE_SIZE, (w) => auditPage(prisma, { contactId }, w));
    const rows = list.rows;
    const body = html`<h1>Audit log${contactId ? html` · conversation ${contactId}` : ""}</h1>
<ul class="inbox">${rows.map((r) => html`<li class="card"><div class="row"><strong>${r.action}</strong><span>${r.staffUser?.email ?? "system"}</span>
  ${r.contactId ? html`<a href="/staff/audit?contact=${r.contactId}">conversation ${r.contactId}</a>` : ""}</div>
  <div class="meta">${labels.time(r.at)} ${Object.keys(Object(r.detail)).length ? JSON.stringify(r.detail) : ""}</div></li>`)}</ul>
${pager(list, { path: "/staff/audit", filters: contactId ? `contact=${contactId}` : "", labels: ["newer", "older"] })}`;
    sendPage(res, "Audit log", body);
  });
  return router;
}
