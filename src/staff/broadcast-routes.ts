import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { audienceSchema } from "../domain/broadcasts/audience.ts";
import {
  audienceCount,
  broadcastCounts,
  broadcastReport,
  broadcastTextsSchema,
  createBroadcast,
  findBroadcast,
  listBroadcasts,
  MAX_BROADCAST_TEXT,
  recipientLines,
} from "../domain/broadcasts/repository.ts";
import {
  BROADCAST_DEED_NAMES,
  type BroadcastDeps,
  broadcastDeed,
  queueDueNow,
  sendTest,
} from "../domain/broadcasts/service.ts";
import { audit } from "../domain/audit/repository.ts";
import { csvLine } from "../domain/csv.ts";
import { CHANNELS } from "../channels/profile.ts";
import { allow, staffOf } from "./auth.ts";
import { formParser } from "./before-body.ts";
import { broadcastList, broadcastPage, composerPage, type Draft, deedsFor } from "./broadcast-pages.ts";
import { BROADCAST_SCRIPT_PATH } from "./broadcast-script.ts";
import { sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { setStaffPhone, staffPhone } from "./repository.ts";
import { textOf } from "./staff-text.ts";
import { withId } from "./ids.ts";
import { localToUtc } from "./zoned-time.ts";

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/);
/** a form's value that may come once or many times (checkboxes of one name) */
const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const composeForm = z.looseObject({
  title: z.string().trim().max(120).default(""),
  englishFallback: z.literal("1").optional(),
  optedInOnly: z.literal("1").optional(),
  language: many,
  channel: many,
  area: many,
  lastContactDays: z.string().default(""),
  sendAt: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/)
    .default(""),
  confirm: z.string().default("0"),
});

/**
 * The composer's form: a text per language (up to 9 bytes a character once encoded: Arabic's UTF-8 percent-encoded)
 * and a checkbox per language and area, more than the app's other forms carry.
 */
export const broadcastFormParser = (languages: readonly string[], areas: readonly string[]) =>
  formParser(
    `${Math.ceil((languages.length * MAX_BROADCAST_TEXT * 9) / 1024) + 16}kb`,
    languages.length * 2 + areas.length + 16,
  );

export interface BroadcastPagesDeps extends BroadcastDeps {
  languages: readonly string[];
  areas: readonly string[];
  timeZone: string;
}

/** The form as the composer typed it, and what is wrong with it. */
function readDraft(body: unknown, languages: readonly string[]): { draft: Draft; problems: string[] } | undefined {
  const form = composeForm.safeParse(body);
  if (!form.success) return undefined;
  const f = form.data;
  const texts = Object.fromEntries(
    languages.flatMap((lng) => {
      const v: unknown = Reflect.get(f, `text_${lng}`);
      return typeof v === "string" && v.trim() ? [[lng, v.replace(/\r\n/g, "\n").trim()]] : [];
    }),
  );
  const audience = audienceSchema.safeParse({
    languages: f.language,
    channels: f.channel,
    areas: f.area,
    lastContactDays: f.lastContactDays ? Number(f.lastContactDays) : undefined,
    optedInOnly: f.optedInOnly === "1",
  });
  const problems = [
    ...(f.title ? [] : ["title"]),
    ...(broadcastTextsSchema.safeParse(texts).success ? [] : ["texts"]),
    ...(audience.success ? [] : ["audience"]),
  ];
  const draft: Draft = {
    title: f.title,
    texts,
    englishFallback: f.englishFallback === "1",
    audience: audience.data ?? audienceSchema.parse({}),
    sendAt: f.sendAt,
  };
  return { draft, problems };
}

/** /staff/broadcasts: broadcasters and admins compose, send, follow and report on broadcasts. */
export function broadcastRoutes(deps: BroadcastPagesDeps): Router {
  const router = Router();
  const { path } = STAFF_PAGES.broadcasts;
  const { prisma } = deps;
  router.use(path, allow("broadcasts"));

  router.get(path, async (_req, res) => {
    const text = textOf(res);
    sendPage(res, text.t("nav.broadcasts"), broadcastList(text, await listBroadcasts(prisma)));
  });

  const compose = (
    res: Response,
    draft: Draft,
    extra: { count?: Awaited<ReturnType<typeof audienceCount>>; errors?: string[]; status?: number } = {},
  ) => {
    const text = textOf(res);
    sendPage(
      res,
      text.t("broadcasts.new"),
      composerPage({
        text,
        csrf: staffOf(res).csrfToken,
        languages: deps.languages,
        areas: deps.areas,
        draft,
        count: extra.count,
        errors: extra.errors ?? [],
      }),
      { status: extra.status },
    );
  };

  router.get(`${path}/new`, (_req, res) =>
    compose(res, { title: "", texts: {}, englishFallback: false, audience: audienceSchema.parse({}), sendAt: "" }),
  );

  // "Count" shows who it reaches now; the button under the count (confirm=1) sends or schedules it
  router.post(path, async (req: Request, res: Response) => {
    const read = readDraft(req.body, deps.languages);
    const text = textOf(res);
    if (!read) return void res.status(400).type("text/plain").send(text.t("common.notDone"));
    const { draft, problems } = read;
    if (problems.length)
      return compose(res, draft, { errors: problems.map((p) => text.t(`broadcasts.problem.${p}`)), status: 400 });
    const count = await audienceCount(prisma, draft.audience, deps.defaultLanguage);
    if (req.body?.confirm !== "1") return compose(res, draft, { count });
    const sendAt = draft.sendAt ? localToUtc(draft.sendAt, deps.timeZone) : new Date();
    const staff = staffOf(res);
    const id = await createBroadcast(prisma, {
      title: draft.title,
      texts: broadcastTextsSchema.parse(draft.texts),
      englishFallback: draft.englishFallback,
      audience: draft.audience,
      sendAt,
      createdById: staff.id,
    });
    await audit(prisma, {
      staffUserId: staff.id,
      action: "broadcast_created",
      detail: { broadcastId: id, languages: Object.keys(draft.texts).join(","), sendAt: sendAt.toISOString() },
    });
    queueDueNow(deps);
    res.redirect(303, `/staff${path}/${id}`);
  });

  const show = async (res: Response, id: number, notice?: string, status?: number) => {
    const b = await findBroadcast(prisma, id);
    const text = textOf(res);
    if (!b) return void res.status(404).type("text/plain").send(text.t("common.notFound"));
    const staff = staffOf(res);
    sendPage(
      res,
      b.title,
      broadcastPage({
        text,
        csrf: staff.csrfToken,
        broadcast: b,
        report: await broadcastReport(prisma, id),
        phone: await staffPhone(prisma, staff.id),
        deeds: deedsFor(b.status),
      }),
      { script: BROADCAST_SCRIPT_PATH, notice, status },
    );
  };

  router.get(
    `${path}/:id`,
    withId(async (req, res, id) => {
      const done = z.enum([...BROADCAST_DEED_NAMES, "test"]).safeParse(req.query.done);
      await show(res, id, done.success ? textOf(res).t(`broadcasts.done.${done.data}`) : undefined);
    }),
  );

  router.get(
    `${path}/:id/progress.json`,
    withId(async (_req, res, id) => {
      const b = await findBroadcast(prisma, id);
      if (!b) return void res.status(404).json({});
      const counts = await broadcastCounts(prisma, b.id);
      res.set("Cache-Control", "no-store").json({
        ...counts,
        status: b.status,
        statusLabel: textOf(res).t(`broadcasts.status.${b.status}`),
        throttled: b.throttled,
      });
    }),
  );

  router.get(
    `${path}/:id/report.csv`,
    withId(async (_req, res, id) => {
      const b = await findBroadcast(prisma, id);
      if (!b) return void res.status(404).end();
      const lines = await recipientLines(prisma, b.id);
      await audit(prisma, {
        staffUserId: staffOf(res).id,
        action: "broadcast_exported",
        detail: { broadcastId: b.id },
      });
      const header = [
        "language",
        "channel",
        "status",
        "via",
        "delivery",
        "error_code",
        "skipped_because",
        "sent_at",
        "replies",
      ];
      const body = lines.map((l) =>
        csvLine([
          l.language,
          l.channel,
          l.status,
          l.via ?? "",
          l.deliveryStatus ?? "",
          l.errorCode ?? "",
          l.skipReason ?? "",
          l.sentAt?.toISOString() ?? "",
          String(l.replies),
        ]),
      );
      res
        .type("text/csv")
        .set("Content-Disposition", `attachment; filename="broadcast-${b.id}.csv"`)
        .send(csvLine(header) + body.join(""));
    }),
  );

  for (const deed of BROADCAST_DEED_NAMES)
    router.post(
      `${path}/:id/${deed}`,
      withId(async (_req, res, id) => {
        const done = await broadcastDeed(deps, staffOf(res).id, id, deed);
        if (!done) return void res.status(409).type("text/plain").send(textOf(res).t("common.notDone"));
        res.redirect(303, `/staff${path}/${id}?done=${deed}`);
      }),
    );

  router.post(
    `${path}/:id/test`,
    withId(async (req, res, id) => {
      const form = z
        .object({ phone: phoneSchema, channel: z.enum(CHANNELS), language: z.string().max(3) })
        .safeParse(req.body);
      if (!form.success) return void res.status(400).type("text/plain").send(textOf(res).t("common.notDone"));
      const staff = staffOf(res);
      // the composer's own number, kept for the next test
      await setStaffPhone(prisma, staff.id, form.data.phone);
      const outcome = await sendTest(deps, { staffUserId: staff.id, broadcastId: id, ...form.data });
      if (outcome.ok) return void res.redirect(303, `/staff${path}/${id}?done=test`);
      await show(res, id, textOf(res).t(`broadcasts.testRefused.${outcome.reason}`), 409);
    }),
  );
  return router;
}
