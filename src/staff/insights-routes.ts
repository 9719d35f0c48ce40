import { type Request, type Response, Router } from "express";
import type { Prisma } from "../db/database.ts";
import type { Flows } from "../engine/index.ts";
import { flowsSeen, funnel } from "../domain/insights/funnel-repository.ts";
import type { OfficeHours } from "../domain/handoff/office-hours.ts";
import {
  caseLookups,
  handoffFigures,
  needsByStatus,
  referralsByStatus,
  referralsReceivedByPartner,
} from "../domain/insights/outcomes-repository.ts";
import { type InsightsFilter, parseInsightsFilter, periodOf } from "../domain/insights/period.ts";
import { allow } from "./auth.ts";
import { funnelPage, outcomesPage } from "./insights-pages.ts";
import { sendPage } from "./layout.ts";
import { textOf } from "./staff-text.ts";

export interface InsightsSettings {
  flows: Flows;
  /** the languages of the line, for the filter */
  languages: readonly string[];
  /** INSIGHTS_LEFT_AFTER_MINUTES */
  leftAfterMinutes: number;
  /** the flow shown first: the main menu */
  firstFlow: string;
  /** OFFICE_HOURS: handovers outside them are counted (none: not counted) */
  officeHours: OfficeHours | undefined;
}

/** The nodes of the flows that look a case up: their outcomes are the case lookups' figures. */
const lookupNodes = (flows: Flows) =>
  [...flows.values()].flatMap((f) =>
    [...f.nodes.values()].flatMap((n) =>
      n.type === "action" && n.action === "check_case" ? [{ flow: f.id, node: n.id }] : [],
    ),
  );

/** /staff/insights: where people go in the flows (funnels) and what they got (outcomes), for analysts and admins. */
export function insightsRouter(prisma: Prisma, s: InsightsSettings): Router {
  const router = Router();
  router.use(allow("insights"));

  // wrong filters are refused with the reason, the page shown unfiltered: a filter ignored would mislead
  const filtered =
    (handler: (req: Request, res: Response, filter: InsightsFilter, notice?: string) => Promise<void>) =>
    async (req: Request, res: Response) => {
      const f = parseInsightsFilter(req.query);
      if (f.ok) return handler(req, res, f.filter);
      res.status(400);
      return handler(req, res, {}, `These filters are wrong, so nothing is filtered: ${f.reason}.`);
    };

  router.get(
    "/",
    filtered(async (_req, res, filter, notice) => {
      const period = periodOf(filter);
      const flow = filter.flow ?? s.firstFlow;
      const [points, seen] = await Promise.all([
        funnel(prisma, flow, filter, period, s.leftAfterMinutes * 60),
        flowsSeen(prisma),
      ]);
      const flows = [...new Set([...s.flows.keys(), ...seen])].sort();
      const text = textOf(res);
      const page = funnelPage(
        { filter, period, flows, languages: s.languages, text, flow, points, leftAfterMinutes: s.leftAfterMinutes },
        s.flows,
      );
      sendPage(res, text.t("nav.insights"), page, { notice, wide: true, status: res.statusCode });
    }),
  );
  router.get(
    "/outcomes",
    filtered(async (_req, res, filter, notice) => {
      const period = periodOf(filter);
      const [lookups, referrals, receivedByPartner, needs, handoff] = await Promise.all([
        caseLookups(prisma, lookupNodes(s.flows), filter, period),
        referralsByStatus(prisma, filter, period),
        referralsReceivedByPartner(prisma, filter, period),
        needsByStatus(prisma, filter, period),
        handoffFigures(prisma, filter, period, s.officeHours),
      ]);
      const text = textOf(res);
      const page = outcomesPage({
        filter,
        period,
        languages: s.languages,
        text,
        lookups,
        referrals,
        receivedByPartner,
        needs,
        handoff,
      });
      sendPage(res, text.t("nav.insights"), page, { notice, wide: true, status: res.statusCode });
    }),
  );
  return router;
}
