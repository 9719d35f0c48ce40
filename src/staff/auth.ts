import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { html } from "./html.ts";
import { type PageUser, sendPage } from "./layout.ts";
import { createSession, deleteSession, findSession, findUserByEmail } from "./repository.ts";

const ROLES = ["admin", "caseworker", "analyst"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** The signed-in staff member of this request (set by `loadSession`). */
export interface StaffContext extends PageUser {
  id: number;
  role: Role;
  sessionId: string;
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

// argon2id with the library's defaults (OWASP's recommended memory and time costs)
export const hashPassword = (password: string) => hash(password);

/** Same time whether the user exists or not, so sign-in does not reveal which addresses have accounts. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString("hex"));
export async function checkPassword(prisma: Prisma, email: string, password: string) {
  const user = await findUserByEmail(prisma, email.trim().toLowerCase());
  const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
  return ok && user?.active ? user : undefined;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(32).toString("base64url");

function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

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
}

function cookieOptions(opts: AuthOptions, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: "strict" as const, secure: opts.secure, path: "/staff", ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

/** Sign in: a new session row (only the token's hash is stored) and its cookie. */
export async function startSession(opts: AuthOptions, res: Response, staffUserId: number): Promise<void> {
  const secret = token();
  const ms = opts.sessionHours * 3600_000;
  await createSession(opts.prisma, { id: sha256(secret), staffUserId, csrfToken: token(), expiresAt: new Date(Date.now() + ms) });
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
      if (s && role.success) res.locals.staff = { id: s.staffUser.id, email: s.staffUser.email, role: role.data, csrfToken: s.csrfToken, sessionId: s.id };
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

/**
 * Only these roles pass: no session -> the sign-in page (or 401 for a script's request), another role -> 403.
 * Exported for other staff pages (the needs dashboard uses requireRole("analyst", "admin")).
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const staff = res.locals.staff;
    if (!staff) {
      if (req.method === "GET" && req.accepts("html")) return res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
      return void res.status(401).type("text/plain").send("Sign in first.");
    }
    if (!roles.includes(staff.role)) {
      return sendPage(res, "Not allowed", html`<h1>Not allowed</h1><p>Your role (${staff.role}) cannot open this page.</p>`, { status: 403 });
    }
    next();
  };
}

/** Every POST carries the session's CSRF token in `_csrf` (forms) or `X-CSRF-Token` (scripts). */
export function requireCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== "POST") return next();
  const sent = typeof req.body?._csrf === "string" ? req.body._csrf : req.header("x-csrf-token");
  if (!sameSecret(sent, res.locals.staff?.csrfToken)) return void res.status(403).type("text/plain").send("Missing or wrong form token: reload the page and try again.");
  next();
}

/** Before a session exists, the sign-in form is protected by a token in a cookie and in the form (double submit). */
export function loginCsrf(opts: AuthOptions, res: Response): string {
  const t = token();
  res.cookie(LOGIN_CSRF_COOKIE, t, cookieOptions(opts, 3600_000));
  return t;
}

export function loginCsrfValid(req: Request): boolean {
  return sameSecret(typeof req.body?._csrf === "string" ? req.body._csrf : undefined, readCookie(req, LOGIN_CSRF_COOKIE));
}
