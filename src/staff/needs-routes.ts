import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import { bulkActionSchema, filterQuery, type NeedFilter, parseNeedFilter } from "../domain/needs/dashboard.ts";
import {
  applyBulkAction,
  needAggregates,
  needExportBatches,
  needFacets,
  needPage,
} from "../domain/needs/dashboard-repository.ts";
import { NEED_ROWS_HEADER, needAggregatesCsv, needRowsCsv, parseAssessment } from "../domain/needs/export.ts";
import { needsHxlCsv } from "../domain/needs/hxl.ts";
import { needCells } from "../domain/needs/hxl-repository.ts";
import { allow, staffOf } from "./auth.ts";
import { formParser } from "./before-body.ts";
import type { Labels } from "./labels.ts";
import { textOf } from "./staff-text.ts";
import { sendPage } from "./layout.ts";
import { type NeedsPage, needsPage, QUEUE_PAGE } from "./needs-pages.ts";
import { readPage } from "./paging.ts";

const idsSchema = z.preprocess(
  (v) => (v === undefined ? [] : [v].flat()),
  z.array(z.coerce.number().int().positive()).max(QUEUE_PAGE),
);

/**
 * /staff/needs: the needs dashboard for analysts and admins (caseworkers work in the inbox). Mounted
 * inside the staff app, after its session and CSRF guards.
 */
export function needsRouter(prisma: Prisma, labels: Labels): Router {
  const router = Router();
  router.use(allow("needs"));

  const render = async (
    req: Request,
    res: Response,
    filter: NeedFilter,
    extra: Partial<NeedsPage> = {},
    notice?: string,
    status = 200,
  ) => {
    // the queue is not counted: the total above it is, with its small-group rule
    const [aggregates, queue, facets] = await Promise.all([
      needAggregates(prisma, filter),
      readPage(req.query, QUEUE_PAGE, (w) => needPage(prisma, filter, w)),
      needFacets(prisma),
    ]);
    const page = needsPage({
      filter,
      aggregates,
      queue,
      ...facets,
      csrf: staffOf(res).csrfToken,
      text: textOf(res),
      ...extra,
    });
    sendPage(res, textOf(res).t("nav.needs"), page, { notice, wide: true, status });
  };
  const refusePage = (req: Request, res: Response, reason: string) =>
    render(req, res, {}, {}, `These filters are wrong, so nothing is filtered (all needs are shown): ${reason}.`, 400);
  const refuseExport = async (_req: Request, res: Response, reason: string) =>
    void res
      .status(400)
      .type("text/plain")
      .send(`Not exported: these filters are wrong (${reason}). Fix them and export again.`);
  // wrong filters are refused with the reason: the page comes back unfiltered and says so, an export is not made
  const filtered =
    (handler: (req: Request, res: Response, filter: NeedFilter) => Promise<void>, refuse = refusePage) =>
    async (req: Request, res: Response) => {
      const f = parseNeedFilter(req.query);
      await (f.ok ? handler(req, res, f.filter) : refuse(req, res, f.reason));
    };

  // the notice is ours, from a number: a link cannot make the page say something else
  router.get(
    "/",
    filtered(async (req, res, filter) => {
      const changed = z.coerce.number().int().min(0).optional().catch(undefined).parse(req.query.changed);
      await render(req, res, filter, {}, changed === undefined ? undefined : `${changed} needs changed.`);
    }),
  );

  router.post(
    "/compare",
    filtered(async (req, res, filter) => {
      const r = parseAssessment(String(req.body?.assessment ?? ""));
      await render(req, res, filter, { comparison: r.ok ? { shares: r.shares } : { error: r.reason } });
    }),
  );

  router.post(
    "/bulk",
    filtered(async (req, res, filter) => {
      const action = bulkActionSchema.safeParse(req.body);
      const ids = idsSchema.safeParse(req.body?.ids);
      if (!ids.success || ids.data.length === 0 || !action.success) {
        const { t } = textOf(res);
        const error =
          !ids.success || ids.data.length === 0
            ? t("needs.tickFirst")
            : t("needs.notDone", { problems: (action.error?.issues ?? []).map((i) => i.message).join("; ") });
        // the page again, with the reason above the queue and the same needs still ticked
        const ticked = new Set([req.body?.ids ?? []].flat().map(Number).filter(Number.isInteger));
        const tag = typeof req.body?.tag === "string" ? req.body.tag : undefined;
        return render(req, res, filter, { bulk: { error, ticked, tag } }, undefined, 400);
      }
      const changed = await applyBulkAction(prisma, ids.data, action.data);
      await audit(prisma, {
        staffUserId: staffOf(res).id,
        action: "needs_reviewed",
        detail: { ...action.data, needs: ids.data.join(" "), changed },
      });
      const q = new URLSearchParams(filterQuery(filter));
      q.set("changed", String(changed));
      res.redirect(303, `/staff/needs?${q}#queue`);
    }),
  );

  const csvHeaders = (res: Response, name: string) =>
    res
      .type("text/csv; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`);

  router.get(
    "/export.csv",
    filtered(async (_req, res, filter) => {
      csvHeaders(res, "needs").write(NEED_ROWS_HEADER);
      let rows = 0;
      try {
        for await (const batch of needExportBatches(prisma, filter)) {
          rows += batch.length;
          if (!res.write(needRowsCsv(batch))) await new Promise((resolve) => res.once("drain", resolve));
        }
        // audited once the rows are out; an export that fails here never completes in the browser
        await audit(prisma, {
          staffUserId: staffOf(res).id,
          action: "needs_exported",
          detail: { kind: "rows", rows, ...filter },
        });
        res.end();
      } catch (err) {
        // the status line is sent already: cut the download so it cannot pass for a whole file
        res.destroy(err instanceof Error ? err : new Error(String(err)));
      }
    }, refuseExport),
  );
  // the counts exports: audited with the number of needs counted, then sent whole
  const countsExport = <T>(
    route: string,
    file: string,
    kind: string,
    read: (f: NeedFilter) => Promise<T>,
    counted: (data: T) => number,
    csv: (data: T, f: NeedFilter) => string,
  ) =>
    router.get(
      route,
      filtered(async (_req, res, filter) => {
        const data = await read(filter);
        await audit(prisma, {
          staffUserId: staffOf(res).id,
          action: "needs_exported",
          detail: { kind, needs: counted(data), ...filter },
        });
        csvHeaders(res, file).send(csv(data, filter));
      }, refuseExport),
    );
  countsExport(
    "/aggregates.csv",
    "needs-counts",
    "aggregates",
    (f) => needAggregates(prisma, f),
    (a) => a.total,
    needAggregatesCsv,
  );
  countsExport(
    "/hxl.csv",
    "needs-hxl",
    "hxl",
    (f) => needCells(prisma, f),
    (cells) => cells.reduce((sum, c) => sum + c.n, 0),
    (cells) => needsHxlCsv(cells, labels),
  );
  return router;
}

/** The review queue posts up to a page of ticked needs: more fields than the staff app's default allows. */
export const needsFormParser = formParser("64kb", QUEUE_PAGE + 20);
