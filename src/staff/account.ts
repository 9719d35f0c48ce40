import { type Response, Router } from "express";
import QRCode from "qrcode";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import { requireSignIn, staffOf } from "./auth.ts";
import { type Html, html, raw } from "./html.ts";
import { csrfField, sendPage } from "./layout.ts";
import { findUserByEmail, setTotp } from "./repository.ts";
import { checkTotp, newTotpSecret, totpUri } from "./totp.ts";

const BASE32_SECRET = /^[A-Z2-7]{16,64}$/;

/** /staff/account: your own account; turning two-factor sign-in (an authenticator app's codes) on and off. */
export function accountPages(prisma: Prisma, opts: { adminTwoFactor: boolean }): Router {
  const router = Router();

  const show = async (res: Response, o: { status?: number; error?: string; secret?: string; notice?: string } = {}) => {
    const staff = staffOf(res);
    const csrf = csrfField(staff.csrfToken);
    const error = o.error ? html`<p class="notice error" role="alert">${o.error}</p>` : "";
    const required = opts.adminTwoFactor && staff.role === "admin";
    let part: Html;
    if (staff.twoFactor) {
      part = html`<p>Two-factor sign-in is <strong>on</strong>: you sign in with your password and a code from your authenticator app.</p>
${
  required
    ? html`<p class="meta">Admins must keep it on here. If you lose your phone, another admin can reset it on the accounts page.</p>`
    : html`<form method="post" action="/staff/account/two-factor/off">${csrf}${error}
  <label for="code">To turn it off, enter a current code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required>
  <p><button class="secondary">Turn off two-factor sign-in</button></p></form>`
}`;
    } else {
      // the secret travels in the form, not in a table: it is saved only once a code from it proves the app has it
      const secret = o.secret ?? newTotpSecret();
      const svg = await QRCode.toString(totpUri(staff.email, secret), { type: "svg", margin: 1, width: 200 });
      part = html`${staff.mustSetUpTwoFactor ? html`<p class="notice" role="status">Admins must set up two-factor sign-in before opening other pages.</p>` : ""}
<p>Two-factor sign-in is <strong>off</strong>. With it on, a stolen password alone cannot open your account.</p>
<ol><li>Install an authenticator app on your phone (for example Aegis, FreeOTP, Google Authenticator or Microsoft Authenticator).</li>
<li>Scan this code with it, or type the key below.</li></ol>
<div class="qr">${raw(svg)}</div>
<p>Key: <code class="secret">${secret.match(/.{1,4}/g)?.join(" ") ?? secret}</code></p>
<form method="post" action="/staff/account/two-factor">${csrf}${error}<input type="hidden" name="secret" value="${secret}">
  <label for="code">3. Enter the 6-digit code the app shows</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required>
  <p><button>Turn on two-factor sign-in</button></p></form>`;
    }
    sendPage(
      res,
      "Your account",
      html`<h1>Your account</h1><div class="card"><p>${staff.email} · ${staff.role}</p>
<h2>Two-factor sign-in</h2>${part}</div>`,
      { status: o.status, notice: o.notice },
    );
  };

  router.get("/account", requireSignIn, async (req, res) =>
    show(res, {
      notice:
        req.query.done === "on"
          ? "Two-factor sign-in is on."
          : req.query.done === "off"
            ? "Two-factor sign-in is off."
            : undefined,
    }),
  );

  router.post("/account/two-factor", requireSignIn, async (req, res) => {
    const staff = staffOf(res);
    const secret = String(req.body?.secret ?? "");
    if (!BASE32_SECRET.test(secret))
      return show(res, { status: 400, error: "The key was damaged: here is a new one. Scan it again." });
    const step = await checkTotp(secret, String(req.body?.code ?? ""));
    if (step === undefined)
      return show(res, {
        status: 400,
        secret,
        error: "That code is not right. Check the phone's time, and enter the code the app shows now.",
      });
    await setTotp(prisma, staff.id, secret, step);
    await audit(prisma, { staffUserId: staff.id, action: "two_factor_on" });
    res.redirect(303, "/staff/account?done=on");
  });

  router.post("/account/two-factor/off", requireSignIn, async (req, res) => {
    const staff = staffOf(res);
    if (opts.adminTwoFactor && staff.role === "admin")
      return show(res, { status: 403, error: "Admins must keep two-factor sign-in on." });
    const user = await findUserByEmail(prisma, staff.email);
    if (!user?.totpSecret || (await checkTotp(user.totpSecret, String(req.body?.code ?? ""))) === undefined) {
      return show(res, { status: 400, error: "That code is not right: enter the code the app shows now." });
    }
    await setTotp(prisma, staff.id, null);
    await audit(prisma, { staffUserId: staff.id, action: "two_factor_off" });
    res.redirect(303, "/staff/account?done=off");
  });
  return router;
}
