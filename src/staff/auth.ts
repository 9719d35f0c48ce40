import { sameSecret } from "../domain/same-secret.ts";
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Prisma } from "../db/database.ts";
import { type Role, roleSchema } from "../domain/roles.ts";
import { type Html, html } from "./html.ts";
import { type PageUser, sendPage } from "./layout.ts";
import { STAFF_PAGES, type StaffPageName } from "./page-table.ts";
import { textOf } from "./staff-text.ts";
import { addDevice, createSession, deleteSession, deviceOwner, findSession, findUserByEmail } from "./repository.ts";

/** The signed-in staff member of this request (set by `loadSession`). */
export interface StaffContext extends PageUser {
  id: number;
  role: Role;
  sessionId: string;
  /** the languages they work in (the inbox's "my languages") */
  languages: string[];
  /** the staff app's language for them */
  locale: string;
  /** a partner account's partner: it sees and moves only that partner's referrals; null for our own staff */
  partnerId: number | null;
  /** two-factor sign-in is set up */
  twoFactor: boolean;
  /** an admin without two-factor while STAFF_ADMIN_2FA=required: only the account page opens */
  mustSetUpTwoFactor: boolean;
}

declare global {
  namespace Express {
    interface Locals {
      staff?: StaffContext;
    }
  }
}

const SESSION_COOKIE = "haven_staff";
const LOGIN_CSRF_COOKIE = "haven_login";
/** A browser this account signed in from: it may sign in while failed attempts slow others down. */
const DEVICE_COOKIE = "haven_device";
const DEVICE_DAYS = 180;

// argon2id with the library's defaults (OWASP's recommended memory and time costs)
export const hashPassword = (password: string) => hash(password);

/** Same time whether the user exists or not, so sign-in does not reveal which addresses have accounts. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString("hex"));
export async function checkPassword(prisma: Prisma, email: string, password: string) {
  const user = await findUserByEmail(prisma, email.trim().toLowerCase());
  const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
  if (ok && user?.active) return { ok: true as const, user };
  // why, for the audit log only: the person is told "wrong email or password" whatever it is
  const reason = !user
    ? ("no_such_account" as const)
    : ok
      ? ("account_disabled" as const)
      : ("wrong_password" as const);
  return { ok: false as const, reason, staffUserId: user?.id ?? null };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(32).toString("base64url");

function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? "").split(";")) {
    const i = pair.indexOf("=");
    if (i > 0 && pair.slice(0, i).trim() === name) return decodeURIComponent(pair.slice(i + 1).trim());
  }
  return undefined;
}

export interface AuthOptions {
  prisma: Prisma;
  /** Secure cookies when the staff app is reached over https */
  secure: boolean;
  sessionHours: number;
  /** STAFF_ADMIN_2FA=required: admins must set up two-factor sign-in */
  adminTwoFactor: boolean;
}

function cookieOptions(opts: AuthOptions, maxAgeMs?: number, path = "/staff") {
  return {
    httpOnly: true,
    sameSite: "strict" as const,
    secure: opts.secure,
    path,
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  };
}

/** After a sign-in: this browser is known to the account (the cookie goes only to the sign-in form). */
export async function rememberDevice(opts: AuthOptions, res: Response, staffUserId: number): Promise<void> {
  const secret = token();
  await addDevice(opts.prisma, sha256(secret), staffUserId, new Date(Date.now() - DEVICE_DAYS * 86_400_000));
  res.cookie(DEVICE_COOKIE, secret, cookieOptions(opts, DEVICE_DAYS * 86_400_000, "/staff/login"));
}

/** Whether this browser signed in to this account before. */
export async function knownDevice(opts: AuthOptions, req: Request, email: string): Promise<boolean> {
  const secret = readCookie(req, DEVICE_COOKIE);
  return secret
    ? (await deviceOwner(opts.prisma, sha256(secret), new Date(Date.now() - DEVICE_DAYS * 86_400_000))) === email
    : false;
}

/** Sign in: a new session row (only the token's hash is stored) and its cookie. */
export async function startSession(opts: AuthOptions, res: Response, staffUserId: number): Promise<void> {
  const secret = token();
  const ms = opts.sessionHours * 3600_000;
  await createSession(opts.prisma, {
    id: sha256(secret),
    staffUserId,
    csrfToken: token(),
    expiresAt: new Date(Date.now() + ms),
  });
  res.cookie(SESSION_COOKIE, secret, cookieOptions(opts, ms));
  res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(opts));
}

export async function endSession(opts: AuthOptions, res: Response, sessionId: string): Promise<void> {
  await deleteSession(opts.prisma, sessionId);
  res.clearCookie(SESSION_COOKIE, cookieOptions(opts));
}

/** Reads the session cookie; the request goes on signed in or not (requireRole decides). */
export function loadSession(opts: AuthOptions): RequestHandler {
  return async (req, res, next) => {
    const secret = readCookie(req, SESSION_COOKIE);
    if (secret) {
      const s = await findSession(opts.prisma, sha256(secret));
      const role = roleSchema.safeParse(s?.staffUser.role);
      if (s && role.success) {
        const twoFactor = s.staffUser.totpSecret !== null;
        res.locals.staff = {
          id: s.staffUser.id,
          email: s.staffUser.email,
          role: role.data,
          csrfToken: s.csrfToken,
          sessionId: s.id,
          languages: s.staffUser.languages,
          locale: s.staffUser.locale,
          partnerId: s.staffUser.partnerId,
          twoFactor,
          mustSetUpTwoFactor: opts.adminTwoFactor && role.data === "admin" && !twoFactor,
        };
      }
    }
    next();
  };
}

/** The signed-in staff member of a request that passed requireRole. */
export function staffOf(res: Response): StaffContext {
  const s = res.locals.staff;
  if (!s) throw new Error("requireRole must run first");
  return s;
}

/** The role guard of a page's routes, from the page table. */
export const allow = (page: StaffPageName): RequestHandler => requireRole(...STAFF_PAGES[page].roles);

/** Only these roles pass: no session -> the sign-in page (or 401 for a script's request), another role -> 403. */
function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const staff = res.locals.staff;
    if (!staff) {
      if (req.method === "GET" && req.accepts("html"))
        return res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
      return void res.status(401).type("text/plain").send(textOf(res).t("auth.signInFirst"));
    }
    const { t } = textOf(res);
    if (staff.mustSetUpTwoFactor) {
      if (req.method === "GET") return res.redirect(303, "/staff/account");
      return sendPage(
        res,
        t("auth.setUpTitle"),
        html`<p class="card">${t("auth.setUpFirst")} <a href="/staff/account">${t("auth.setUpLink")}</a></p>`,
        { status: 403 },
      );
    }
    if (!roles.includes(staff.role)) {
      return sendPage(
        res,
        t("auth.notAllowed"),
        html`<h1>${t("auth.notAllowed")}</h1><p>${t("auth.roleCannot", { role: t(`role.${staff.role}`) })}</p>`,
        { status: 403 },
      );
    }
    next();
  };
}

/** Any signed-in staff member, also an admin who must still set up two-factor sign-in (the account page, sign-out). */
export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.staff) next();
  else if (req.method === "GET" && req.accepts("html"))
    res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
  else res.status(401).type("text/plain").send(textOf(res).t("auth.signInFirst"));
}

/**
 * Every POST carries the session's CSRF token in `_csrf` (forms) or `X-CSRF-Token` (scripts). A form
 * posted after its session ended (expired, signed out elsewhere) gets the sign-in page, with what was
 * typed kept on it; a script gets a plain 401/403.
 */
export function requireCsrf(onSessionGone: (req: Request, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST") return next();
    const form = typeof req.body?._csrf === "string";
    const sent = form ? req.body._csrf : req.header("x-csrf-token");
    if (sameSecret(sent, res.locals.staff?.csrfToken)) return next();
    if (form && req.accepts("html")) {
      if (!res.locals.staff) return onSessionGone(req, res);
      const { t } = textOf(res);
      return sendPage(
        res,
        t("auth.notSent"),
        html`<div class="card"><p>${t("auth.outOfDate")}</p>${keptText(req, res)}</div>`,
        { status: 403 },
      );
    }
    res
      .status(res.locals.staff ? 403 : 401)
      .type("text/plain")
      .send(textOf(res).t("auth.badToken"));
  };
}

/** What the person had typed into a form that could not be done (a reply, a note): shown so it is not lost. */
export function keptText(req: Request, res: Response): Html | "" {
  const text =
    typeof req.body?.text === "string" ? req.body.text : typeof req.body?.kept === "string" ? req.body.kept : "";
  if (!text.trim()) return "";
  return html`<label for="kept">${textOf(res).t("auth.kept")}</label><textarea id="kept" name="kept" rows="4" readonly>${text}</textarea>`;
}

/** Before a session exists, the sign-in form is protected by a token in a cookie and in the form (double submit). */
export function loginCsrf(opts: AuthOptions, res: Response): string {
  const t = token();
  res.cookie(LOGIN_CSRF_COOKIE, t, cookieOptions(opts, 3600_000));
  return t;
}

export function loginCsrfValid(req: Request): boolean {
  return sameSecret(
    typeof req.body?._csrf === "string" ? req.body._csrf : undefined,
    readCookie(req, LOGIN_CSRF_COOKIE),
  );
}
