import { languageName } from "../i18n/language-code.ts";
import { type Response, Router } from "express";
import QRCode from "qrcode";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import { requireSignIn, staffOf } from "./auth.ts";
import { type Html, html, raw } from "./html.ts";
import { csrfField, sendPage } from "./layout.ts";
import { findUserByEmail, setLocale, setTotp } from "./repository.ts";
import { textOf } from "./staff-text.ts";
import { checkTotp, newTotpSecret, totpUri } from "./totp.ts";

const BASE32_SECRET = /^[A-Z2-7]{16,64}$/;

/** A language by its own name ("Français", "العربية"), as a person looks for it in a list. */
const ownName = (code: string) => {
  const name = languageName(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
};

/**
 * /staff/account: your own account; the staff app's language, and turning two-factor sign-in (an authenticator
 * app's codes) on and off. `languages`: those the staff app speaks.
 */
export function accountPages(prisma: Prisma, opts: { adminTwoFactor: boolean; languages: string[] }): Router {
  const router = Router();

  const show = async (res: Response, o: { status?: number; error?: string; secret?: string; notice?: string } = {}) => {
    const staff = staffOf(res);
    const x = textOf(res);
    const { t } = x;
    const csrf = csrfField(staff.csrfToken);
    const error = o.error ? html`<p class="notice error" role="alert">${o.error}</p>` : "";
    const required = opts.adminTwoFactor && staff.role === "admin";
    const codeField = (label: string) =>
      html`<label for="code">${label}</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required>`;
    let part: Html;
    if (staff.twoFactor) {
      part = html`<p>${x.h("account.twoFactorOn", { state: html`<strong>${t("account.on")}</strong>` })}</p>
${
  required
    ? html`<p class="meta">${t("account.adminsKeep")}</p>`
    : html`<form method="post" action="/staff/account/two-factor/off">${csrf}${error}
  ${codeField(t("account.offCode"))}
  <p><button class="secondary">${t("account.turnOff")}</button></p></form>`
}`;
    } else {
      // the secret travels in the form, not in a table: it is saved only once a code from it proves the app has it
      const secret = o.secret ?? newTotpSecret();
      const svg = await QRCode.toString(totpUri(staff.email, secret), { type: "svg", margin: 1, width: 200 });
      part = html`${staff.mustSetUpTwoFactor ? html`<p class="notice" role="status">${t("account.adminsMust")}</p>` : ""}
<p>${x.h("account.twoFactorOff", { state: html`<strong>${t("account.off")}</strong>` })}</p>
<ol><li>${t("account.step1")}</li>
<li>${t("account.step2")}</li></ol>
<div class="qr">${raw(svg)}</div>
<p>${t("account.key")} <code class="secret" dir="ltr">${secret.match(/.{1,4}/g)?.join(" ") ?? secret}</code></p>
<form method="post" action="/staff/account/two-factor">${csrf}${error}<input type="hidden" name="secret" value="${secret}">
  ${codeField(t("account.step3"))}
  <p><button>${t("account.turnOn")}</button></p></form>`;
    }
    const language = html`<form method="post" action="/staff/account/language" class="row">${csrf}
<label for="locale">${t("account.language")}</label>
<select id="locale" name="locale">${opts.languages.map(
      (l) => html`<option value="${l}" lang="${l}"${l === staff.locale ? raw(" selected") : ""}>${ownName(l)}</option>`,
    )}</select>
<button class="secondary">${t("account.save")}</button></form>`;
    sendPage(
      res,
      t("account.title"),
      html`<h1>${t("account.title")}</h1><div class="card"><p>${staff.email} · ${t(`role.${staff.role}`)}</p>
${language}
<h2>${t("account.twoFactor")}</h2>${part}</div>`,
      { status: o.status, notice: o.notice },
    );
  };

  router.get("/account", requireSignIn, async (req, res) => {
    const done = req.query.done;
    const notice = done === "on" || done === "off" || done === "language" ? `account.done_${done}` : undefined;
    return show(res, { notice: notice && textOf(res).t(notice) });
  });

  router.post("/account/language", requireSignIn, async (req, res) => {
    const locale = String(req.body?.locale ?? "");
    if (!opts.languages.includes(locale)) return show(res, { status: 400 });
    await setLocale(prisma, staffOf(res).id, locale);
    res.redirect(303, "/staff/account?done=language");
  });

  router.post("/account/two-factor", requireSignIn, async (req, res) => {
    const staff = staffOf(res);
    const { t } = textOf(res);
    const secret = String(req.body?.secret ?? "");
    if (!BASE32_SECRET.test(secret)) return show(res, { status: 400, error: t("account.keyDamaged") });
    const step = await checkTotp(secret, String(req.body?.code ?? ""));
    if (step === undefined) return show(res, { status: 400, secret, error: t("account.codeWrong") });
    await setTotp(prisma, staff.id, secret, step);
    await audit(prisma, { staffUserId: staff.id, action: "two_factor_on" });
    res.redirect(303, "/staff/account?done=on");
  });

  router.post("/account/two-factor/off", requireSignIn, async (req, res) => {
    const staff = staffOf(res);
    const { t } = textOf(res);
    if (opts.adminTwoFactor && staff.role === "admin")
      return show(res, { status: 403, error: t("account.adminsKeepOn") });
    const user = await findUserByEmail(prisma, staff.email);
    if (!user?.totpSecret || (await checkTotp(user.totpSecret, String(req.body?.code ?? ""))) === undefined) {
      return show(res, { status: 400, error: t("account.codeWrongNow") });
    }
    await setTotp(prisma, staff.id, null);
    await audit(prisma, { staffUserId: staff.id, action: "two_factor_off" });
    res.redirect(303, "/staff/account?done=off");
  });
  return router;
}
