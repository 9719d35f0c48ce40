import express, { type RequestHandler } from "express";
import { textOf } from "./staff-text.ts";

/**
 * A guard that answers a request that may carry a body before the body is read: a refusal also closes the
 * connection, so the unread body is neither buffered nor drained. GET and HEAD pass; any other method (a
 * PUT or DELETE to an import path too) is guarded, since the parsers behind it read whatever comes.
 */
export const beforeBody =
  (guard: RequestHandler): RequestHandler =>
  (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    res.set("Connection", "close");
    return guard(req, res, (err?: unknown) => {
      res.removeHeader("Connection");
      next(err);
    });
  };

/**
 * The first half of the CSRF check, on headers alone: a browser says where a form comes from
 * (Sec-Fetch-Site), and one from another site is refused before its body is read. Browsers that do not
 * say, and scripts, are held to the form token (requireCsrf) once the small body is read.
 */
export const refuseCrossSite: RequestHandler = (req, res, next) => {
  const site = req.header("sec-fetch-site");
  if (!site || site === "same-origin" || site === "none") return next();
  res.status(403).type("text/plain").send(textOf(res).t("auth.crossSite"));
};

/** Each route's forms, at most this big: sign-in a few fields, the app's forms one reply, imports a pasted file. */
export const formParser = (limit: string, parameterLimit: number) =>
  express.urlencoded({ extended: false, limit, parameterLimit });
