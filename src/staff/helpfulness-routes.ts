import { Router } from "express";
import type { Prisma } from "../db/database.ts";
import type { Role } from "../domain/roles.ts";
import { helpfulnessTallies, missingWords } from "../domain/helpfulness/report.ts";
import { parseFilter, periodSchema } from "../domain/needs/dashboard.ts";
import { allow, staffOf } from "./auth.ts";
import { helpfulnessPage } from "./helpfulness-page.ts";
import { sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { textOf } from "./staff-text.ts";

/**
 * /staff/helpfulness: the answers to "Did this help?". What people said was missing is their own words: shown to
 * the roles that read people's feedback, the counts to every role of the page.
 */
export function helpfulnessRouter(prisma: Prisma): Router {
  const router = Router();
  const { path } = STAFF_PAGES.helpfulness;
  router.use(path, allow("helpfulness"));
  router.get(path, async (req, res) => {
    const text = textOf(res);
    const parsed = parseFilter(periodSchema, req.query);
    if (!parsed.ok) return void res.status(400).type("text/plain").send(parsed.reason);
    const period = parsed.filter;
    const readers: readonly Role[] = STAFF_PAGES.feedback.roles;
    const readsWords = readers.includes(staffOf(res).role);
    const [tallies, missing] = await Promise.all([
      helpfulnessTallies(prisma, period),
      readsWords ? missingWords(prisma, period) : undefined,
    ]);
    sendPage(res, text.t("nav.helpfulness"), helpfulnessPage({ period, ...tallies, missing, text }));
  });
  return router;
}
