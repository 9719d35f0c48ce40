import { sameSecret } from "../domain/same-secret.ts";
import express, { type RequestHandler, Router } from "express";
import { z } from "zod";
import { caseInputSchema, type CaseInput } from "../domain/cases/case-input.ts";
import type { SavedAll } from "../domain/cases/service.ts";
import { HttpError } from "./errors.ts";

export interface CasesApiDeps {
  /** unset: the API is off */
  apiKey: string | undefined;
  save(cases: CaseInput[]): Promise<SavedAll>;
}

/** One case or a list; a push is the case's whole state, except the factor, which may be left out. */
const listSchema = z.array(caseInputSchema).min(1).max(500);
// picked by shape rather than z.union, so issues name the field ("stage") instead of "no union member matched"
const parseBody = (body: unknown) =>
  Array.isArray(body) ? listSchema.safeParse(body) : caseInputSchema.transform((c) => [c]).safeParse(body);

/** POST /api/cases: a case management system pushes new cases and updates (bearer API key). */
export function casesApi(deps: CasesApiDeps): Router {
  const router = Router();
  // the key is checked before the body is read: strangers do not get their JSON parsed
  router.use(requireKey(deps.apiKey));
  router.use(express.json({ limit: "1mb" }));
  router.post("/", async (req, res) => {
    const parsed = parseBody(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: "malformed",
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
      return;
    }
    const saved = await deps.save(parsed.data);
    if (!saved.ok) {
      res.status(422).json({
        error: "needs_factor",
        message: "new cases need factorKind and factor; nothing was saved",
        caseNumbers: saved.needsFactor,
      });
      return;
    }
    res.json({ created: saved.created, updated: saved.updated });
  });
  return router;
}

function requireKey(apiKey: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!apiKey) return next(new HttpError(503, "not_configured", "CASES_API_KEY is not set: the cases API is off"));
    const given = /^Bearer (.+)$/.exec(req.header("authorization") ?? "")?.[1];
    if (!sameSecret(given, apiKey)) return next(new HttpError(401, "unauthorized", "a valid bearer API key is needed"));
    next();
  };
}
