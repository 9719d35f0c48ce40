import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import { feedbackStatusSchema } from "../domain/feedback/feedback.ts";
import { feedbackQueue, setFeedbackStatus } from "../domain/feedback/repository.ts";
import { allow, staffOf } from "./auth.ts";
import { feedbackQueuePage } from "./feedback-pages.ts";
import { sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { PAGE_SIZE, readPage } from "./paging.ts";
import { textOf } from "./staff-text.ts";

const statusForm = z.object({ status: feedbackStatusSchema });
const idParam = z.coerce.number().int().positive();

/**
 * One feedback queue: /staff/feedback (feedback and complaints, for analysts and admins) or /staff/protection
 * (confidential complaints about staff and partners, for the protection role alone; every view is audited).
 */
function queueRouter(prisma: Prisma, page: "feedback" | "protection"): Router {
  const router = Router();
  const { path } = STAFF_PAGES[page];
  const confidential = page === "protection";
  router.use(path, allow(page));

  router.get(path, async (req: Request, res: Response) => {
    const staff = staffOf(res);
    const list = await readPage(req.query, PAGE_SIZE, (w) => feedbackQueue(prisma, confidential, w));
    if (confidential)
      await audit(prisma, {
        staffUserId: staff.id,
        action: "protection_viewed",
        detail: { shown: list.rows.length, page: list.page },
      });
    const text = textOf(res);
    const title = text.t(`nav.${page}`);
    const body = feedbackQueuePage(
      { path, list, csrf: staff.csrfToken, text },
      title,
      text.t(`feedback.intro.${page}`),
    );
    sendPage(res, title, body);
  });
  router.post(`${path}/:id/status`, async (req: Request, res: Response) => {
    const id = idParam.safeParse(req.params.id);
    const form = statusForm.safeParse(req.body);
    const done =
      id.success && form.success && (await setFeedbackStatus(prisma, id.data, confidential, form.data.status));
    if (!done) return void res.status(400).type("text/plain").send(textOf(res).t("common.notDone"));
    await audit(prisma, {
      staffUserId: staffOf(res).id,
      action: "feedback_status",
      detail: { feedbackId: id.data, status: form.data.status, confidential },
    });
    res.redirect(303, `/staff${path}`);
  });
  return router;
}

/** Both feedback queues, mounted inside the staff app after its session and CSRF guards. */
export const feedbackRoutes = (prisma: Prisma): Router[] => [
  queueRouter(prisma, "feedback"),
  queueRouter(prisma, "protection"),
];
