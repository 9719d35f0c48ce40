import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import type { HsdsPage, PageRequest } from "../domain/partners/hsds-directory.ts";
import { HttpError } from "./errors.ts";

export interface HsdsApiDeps {
  services(at: PageRequest): Promise<HsdsPage<unknown>>;
  organizations(at: PageRequest): Promise<HsdsPage<unknown>>;
  /** null: no such service */
  service(id: string): Promise<unknown>;
  /** requests per minute and address */
  perMinute: number;
}

/** What GET / says of the API, as HSDS's OpenAPI describes its root. */
const API_INFO = {
  version: "3.0",
  profile: "https://docs.openreferral.org/en/v3.0/",
  openapi_url: "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
};

const MAX_PER_PAGE = 100;
const pageSchema = z.object({
  page: z.coerce.number("page is a number").int().min(1, "pages count from 1").default(1),
  per_page: z.coerce.number("per_page is a number").int().min(1).max(MAX_PER_PAGE).default(20),
});

function pageOf(query: unknown): PageRequest {
  const parsed = pageSchema.safeParse(query);
  if (!parsed.success)
    throw new HttpError(
      400,
      "bad_query",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  return { page: parsed.data.page, perPage: parsed.data.per_page };
}

/**
 * GET /api/hsds: the partner directory as Open Referral HSDS 3 (read only, public, no key). Limited per
 * address, since anyone may call it.
 */
export function hsdsApi(deps: HsdsApiDeps): Router {
  const router = Router();
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.perMinute,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator: (req) => `ip:${req.ip ?? ""}`,
      validate: { trustProxy: false, keyGeneratorIpFallback: false },
      handler: (_req, _res, next) => next(new HttpError(429, "rate_limited", "too many requests: wait a minute")),
    }),
  );
  router.get("/", (_req, res) => void res.json(API_INFO));
  router.get("/services", async (req, res) => void res.json(await deps.services(pageOf(req.query))));
  router.get("/organizations", async (req, res) => void res.json(await deps.organizations(pageOf(req.query))));
  router.get("/services/:id", async (req, res) => {
    // ids are UUIDs: anything else is no service of ours (and never reaches the database)
    const found = z.uuid().safeParse(req.params.id).success ? await deps.service(req.params.id) : null;
    if (found === null) throw new HttpError(404, "not_found", "no service with this id");
    res.json(found);
  });
  return router;
}
