import { type Request, type Response, Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import {
  type AuthOptions,
  checkPassword,
  keptText,
  knownDevice,
  loginCsrf,
  loginCsrfValid,
  rememberDevice,
  startSession,
} from "./auth.ts";
import { sendPage } from "./layout.ts";
import { type LoginForm, loginPage } from "./pages.ts";
import { takeTotpStep } from "./repository.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";
import { textOf } from "./staff-text.ts";
import { checkTotp } from "./totp.ts";

/** Why a sign-in was refused, as the audit log names it. */
type Refusal =
  | "wrong_password"
  | "no_such_account"
  | "account_disabled"
  | "wrong_code"
  | "address_limited"
  | "account_slowed"
  | "form_expired";

/** Only our own pages as a place to return to after sign-in (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === "string" && /^\/staff(\/[\w\-/?=&%.]*)?$/.test(value) ? value : "/staff";
}

/** What express-rate-limit sets on the request (its type is not exported for Express 5's Request). */
const rateLimitInfo = z.object({ used: z.number(), limit: z.number() });

/**
 * GET and POST /staff/login. Guessing is slowed per address (in this process) and per account (in
 * the database, for every process): see sign-in-throttle.ts. Every refusal is audited with the email
 * typed, the address and the reason.
 */
export function signInRoutes(
  auth: AuthOptions,
  throttle: SignInThrottle,
  opts: { loginLimit: number },
): { router: Router; showSignIn(req: Request, res: Response, form: Partial<LoginForm> & { status: number }): void } {
  const prisma: Prisma = auth.prisma;
  const router = Router();
  const show = (req: Request, res: Response, form: Partial<LoginForm> & { status: number }) =>
    sendPage(
      res,
      textOf(res).t("login.title"),
      loginPage(textOf(res), { csrf: loginCsrf(auth, res), next: "/staff", kept: keptText(req, res), ...form }),
      { status: form.status },
    );
  const emailOf = (req: Request) =>
    String(req.body?.email ?? "")
      .trim()
      .toLowerCase()
      .slice(0, 254);
  const refused = async (req: Request, reason: Refusal, staffUserId: number | null = null) =>
    audit(prisma, {
      staffUserId,
      action: "sign_in_refused",
      detail: { email: emailOf(req), address: req.ip ?? "", reason },
    });

  router.get("/login", (req, res) => {
    const next = safeNext(req.query.next);
    if (res.locals.staff) return res.redirect(303, next);
    show(req, res, { next, status: 200 });
  });

  // per address, failures only (a sign-in that works is taken back): a team behind one office address
  // signs in at nine without limiting itself. Per process; the account's slowing below is shared.
  const perAddress = rateLimit({
    windowMs: 15 * 60_000,
    limit: opts.loginLimit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `ip:${req.ip ?? ""}`,
    validate: { trustProxy: false, keyGeneratorIpFallback: false },
    handler: async (req, res) => {
      // the first refusal of a window is audited, not each one of a flood
      const info = rateLimitInfo.safeParse(Reflect.get(req, "rateLimit"));
      if (info.success && info.data.used === info.data.limit + 1) await refused(req, "address_limited");
      show(req, res, {
        next: safeNext(req.body?.next),
        email: emailOf(req),
        status: 429,
        error: textOf(res).t("login.addressLimited"),
      });
    },
  });

  router.post("/login", perAddress, async (req, res) => {
    const next = safeNext(req.body?.next);
    const email = emailOf(req);
    const { t } = textOf(res);
    const again = (status: number, error: string) => show(req, res, { next, email, status, error });
    if (!loginCsrfValid(req)) {
      await refused(req, "form_expired");
      return again(403, t("login.expired"));
    }
    const known = await knownDevice(auth, req, email);
    const admitted = await throttle.admit(email, known);
    if (!admitted.ok) {
      await refused(req, "account_slowed");
      const wait =
        admitted.waitMs < 60_000
          ? t("login.seconds", { count: Math.ceil(admitted.waitMs / 1000) })
          : t("login.minutes", { count: Math.ceil(admitted.waitMs / 60_000) });
      return again(429, t("login.accountSlowed", { wait }));
    }
    const checked = await checkPassword(prisma, email, String(req.body?.password ?? ""));
    if (!checked.ok) {
      await throttle.failed(email);
      await refused(req, checked.reason, checked.staffUserId);
      return again(401, t("login.wrong"));
    }
    const user = checked.user;
    if (user.totpSecret) {
      const step = await checkTotp(user.totpSecret, String(req.body?.code ?? ""));
      if (step === undefined || !(await takeTotpStep(prisma, user.id, step))) {
        await throttle.failed(email);
        await refused(req, "wrong_code", user.id);
        return again(401, t("login.wrongCode"));
      }
    }
    await throttle.clear(email);
    await startSession(auth, res, user.id);
    if (!known) await rememberDevice(auth, res, user.id);
    await audit(prisma, { staffUserId: user.id, action: "signed_in", detail: { address: req.ip ?? "" } });
    res.redirect(303, next);
  });

  return { router, showSignIn: show };
}
