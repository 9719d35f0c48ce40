import { type Request, type Response, Router } from "express";
import {
  cursorOf,
  cursorSchema,
  type InboxCursor,
  inboxFilterQuery,
  parseInboxFilter,
} from "../domain/handoff/inbox-filter.ts";
import type { InboxRow } from "../domain/handoff/inbox-query.ts";
import type { HandoffService } from "../domain/handoff/service.ts";
import { allow, staffOf } from "./auth.ts";
import { INBOX_SCRIPT_PATH } from "./inbox-script.ts";
import { type InboxList, inboxListPart, inboxPage } from "./inbox-list.ts";
import { sendPage } from "./layout.ts";
import { PAGE_SIZE } from "./paging.ts";
import { textOf } from "./staff-text.ts";

/**
 * A page of the inbox by keyset: `?after=` the last row of the page before, or `?before=` the first row
 * of the page after. A previous page that reaches the top is read as the first page, full.
 */
async function readInbox(handoff: HandoffService, req: Request, res: Response): Promise<InboxList> {
  const staff = staffOf(res);
  const filter = parseInboxFilter(req.query);
  const reader = { id: staff.id, languages: staff.languages };
  const after = cursorSchema.parse(req.query.after);
  const before = after ? undefined : cursorSchema.parse(req.query.before);
  const [rows, total] = await Promise.all([
    handoff.inbox(filter, reader, { size: PAGE_SIZE, after, before }),
    handoff.inboxTotal(filter, reader),
  ]);
  if (!before) return forward(rows, total, after);
  if (rows.length <= PAGE_SIZE) return forward(await handoff.inbox(filter, reader, { size: PAGE_SIZE }), total);
  // one row more than a page was read before the cursor: there is a page before this one
  const shown = rows.slice(1);
  return { rows: shown, total, previous: shown[0], next: before };
}

/** A page read forwards (one row more than shown, to know whether another follows). */
function forward(rows: InboxRow[], total: number, after?: InboxCursor): InboxList {
  const shown = rows.slice(0, PAGE_SIZE);
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    total,
    next: rows.length > PAGE_SIZE ? last : undefined,
    previous: after ? shown[0] : undefined,
  };
}

/** The address of the list part for this request's view, filters and page (the live refresh reads it). */
function livePath(req: Request): string {
  const q = inboxFilterQuery(parseInboxFilter(req.query));
  for (const key of ["after", "before"] as const) {
    const c = cursorSchema.parse(req.query[key]);
    if (c) {
      q.set(key, cursorOf(c));
      break;
    }
  }
  return `/staff/inbox/list${q.size ? `?${q}` : ""}`;
}

/** The inbox page and its live part, for caseworkers and admins. */
export function inboxRoutes(
  handoff: HandoffService,
  languages: string[],
  notice: (req: Request, res: Response) => string | undefined,
) {
  const router = Router();
  const caseworkers = allow("inbox");
  router.get("/inbox", caseworkers, async (req, res) => {
    const staff = staffOf(res);
    const list = await readInbox(handoff, req, res);
    const x = textOf(res);
    const body = inboxPage(x, {
      list,
      filter: parseInboxFilter(req.query),
      live: livePath(req),
      reader: { id: staff.id, languages: staff.languages },
      languages,
    });
    sendPage(res, x.t("nav.inbox"), body, { notice: notice(req, res), script: INBOX_SCRIPT_PATH });
  });
  router.get("/inbox/list", caseworkers, async (req, res) => {
    const list = await readInbox(handoff, req, res);
    res.type("html").send(inboxListPart(textOf(res), list, parseInboxFilter(req.query), staffOf(res).id).value);
  });
  return router;
}
