import { type NextFunction, type Request, type Response, Router } from "express";
import type { Prisma } from "../db/database.ts";
import { inboxVersion } from "../domain/handoff/repository.ts";
import {
  type HandoffService,
  MAX_REASON_CHARS,
  MAX_REPLY_CHARS,
  type Outcome,
  RECORD_ACCESS_MS,
} from "../domain/handoff/service.ts";
import { audit } from "../domain/audit/repository.ts";
import type { Logger } from "../logger.ts";
import type { Areas } from "../domain/areas/areas.ts";
import type { LocaleTexts, Resources } from "../i18n/texts.ts";
import { chooseText, staffTexts, textOf } from "./staff-text.ts";
import { adminPages } from "./admin.ts";
import { SCRIPT, STYLESHEET } from "./assets.ts";
import { InboxAlerts } from "./inbox-alerts.ts";
import { inboxRoutes } from "./inbox-routes.ts";
import { searchPage } from "./search-page.ts";
import { transferForm } from "./transfer-form.ts";
import { INBOX_SCRIPT, INBOX_SCRIPT_PATH } from "./inbox-script.ts";
import { BROADCAST_SCRIPT, BROADCAST_SCRIPT_PATH } from "./broadcast-script.ts";
import { broadcastFormParser, broadcastRoutes } from "./broadcast-routes.ts";
import type { BroadcastDeps } from "../domain/broadcasts/service.ts";
import { FALLBACK_LANGUAGE } from "../domain/broadcasts/repository.ts";
import { accountPages } from "./account.ts";
import {
  type AuthOptions,
  endSession,
  loadSession,
  requireCsrf,
  allow,
  requireSignIn,
  type StaffContext,
  staffOf,
} from "./auth.ts";
import { beforeBody, formParser, refuseCrossSite } from "./before-body.ts";
import { safeNext, signInRoutes } from "./sign-in.ts";
import { signInThrottle } from "./sign-in-throttle.ts";
import { html } from "./html.ts";
import { liveSessions } from "./repository.ts";
import { parseId, withId } from "./ids.ts";
import { staffLabels } from "./labels.ts";
import { sendPage } from "./layout.ts";
import { needsFormParser, needsRouter } from "./needs-routes.ts";
import { type InsightsSettings, insightsRouter } from "./insights-routes.ts";
import { feedbackRoutes } from "./feedback-routes.ts";
import { helpfulnessRouter } from "./helpfulness-routes.ts";
import { importFormParser, recordPages } from "./record-pages.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { contactExists } from "../domain/contacts/repository.ts";
import { eraseContactForStaff } from "../domain/contacts/erase.ts";
import type { SidHash } from "../domain/contacts/erased-sids.ts";
import { analystHome, eraseConfirmPage, openRecordPage } from "./pages.ts";
import { CONVERSATION_SCRIPT } from "./conversation-script.ts";
import { CANNED_SCRIPT } from "./canned-script.ts";
import { cannedFormParser, cannedPages } from "./canned-pages.ts";
import { cannedForPerson } from "../domain/canned/for-person.ts";
import { findCanned } from "../domain/canned/repository.ts";
import { conversationPage } from "./conversation-page.ts";
import { transcriptPart } from "./transcript.ts";
import { personSummary } from "../domain/handoff/person-repository.ts";
import type { MediaFetcher } from "../channels/message.ts";
import { mediaRoutes } from "./media-proxy.ts";
import type { ContentService } from "../domain/content/service.ts";
import { textsFormParser, textsPages } from "./texts-pages.ts";
import { simulatorPage } from "./simulator-page.ts";
import type { Simulator } from "../conversations/simulator.ts";

export interface StaffDeps {
  prisma: Prisma;
  /** the bot's texts as editors change them (drafts, publish, reviews) */
  content: ContentService;
  handoff: HandoffService;
  log: Logger;
  /** erasures keep the person's MessageSids as these hashes (src/domain/contacts/erased-sids.ts) */
  sidHash: SidHash;
  /** the deployment's areas, which partner edits and imports are checked against */
  areas: Areas;
  /** the bot's texts: the staff pages name areas and categories by their labels in the reader's language */
  texts: LocaleTexts;
  /** the staff app's own texts (locales/<lng>/staff.json), by language */
  staffLocales: Resources;
  secure: boolean;
  sessionHours: number;
  /** failed sign-ins per address per 15 minutes; an account's failures from this many on wait 15 minutes */
  loginLimit: number;
  /** STAFF_ADMIN_2FA=required */
  adminTwoFactor: boolean;
  /** how often the live inbox looks for changes made by other server processes (STAFF_EVENTS_POLL_MS) */
  pollMs: number;
  /** TIME_ZONE: the pages show times in it */
  timeZone: string;
  /** the real flows for staff trying the line, writing nothing (the simulator page) */
  simulator: Simulator;
  /** the flows and settings the insights pages read (funnels in the flow's order, when a question is left) */
  insights: InsightsSettings;
  /** broadcasts' life (queueing, deeds, tests): the pages call it */
  broadcasts: BroadcastDeps;
  /** fetches the media people send (Twilio's, with the account's credentials); undefined: not configured */
  media: MediaFetcher | undefined;
}

/** A deed's refusal: its status; its text is `outcome.<reason>` (with the limits it names). */
const OUTCOME_STATUS: Record<Exclude<Outcome, { ok: true }>["reason"], number> = {
  not_found: 404,
  no_access: 403,
  not_waiting: 409,
  not_yours: 409,
  window_closed: 409,
  no_template: 409,
  empty: 400,
  too_long: 400,
  reason_too_long: 400,
  no_colleague: 400,
};

/**
 * The staff web app under /staff: sign-in, the live inbox and conversations. `close()` ends the
 * live streams so the server can stop.
 */
export function staffApp(deps: StaffDeps): { router: Router; close(): void } {
  const auth: AuthOptions = {
    prisma: deps.prisma,
    secure: deps.secure,
    sessionHours: deps.sessionHours,
    adminTwoFactor: deps.adminTwoFactor,
  };
  const router = Router();
  const texts = staffTexts(deps.staffLocales, (lng) => staffLabels(deps.texts, deps.timeZone, lng));
  // each open live stream, the session it was opened in and its staff member
  const streams = new Map<Response, { session: string; staffId: number }>();
  // the app's own style and scripts: files (the CSP runs no inline code), cached an hour
  const asset = (path: string, type: string, body: string) =>
    router.get(path, (_req, res) => void res.type(type).set("Cache-Control", "public, max-age=3600").send(body));
  asset("/assets/app.css", "text/css", STYLESHEET);
  asset("/assets/app.js", "text/javascript", SCRIPT);
  asset("/assets/conversation.js", "text/javascript", CONVERSATION_SCRIPT + CANNED_SCRIPT);
  asset(INBOX_SCRIPT_PATH.replace("/staff", ""), "text/javascript", INBOX_SCRIPT);
  asset(BROADCAST_SCRIPT_PATH.replace("/staff", ""), "text/javascript", BROADCAST_SCRIPT);
  // the session (a cookie) and where a form comes from are checked before any body is read
  router.use(loadSession(auth));
  router.use(chooseText(texts));
  router.use(beforeBody(refuseCrossSite));
  router.use("/login", formParser("4kb", 10));

  const throttle = signInThrottle(deps.prisma, deps.loginLimit);
  const signIn = signInRoutes(auth, throttle, { loginLimit: deps.loginLimit });
  router.use(signIn.router);

  // everything below needs a session. The imports' large bodies are read for a signed-in admin only;
  // other forms are small, so they are read even once a session has ended: a reply typed meanwhile is
  // kept on the sign-in page (requireCsrf) instead of lost. Then every POST its CSRF token.
  for (const page of ["partners", "cases"] as const)
    router.use(`${STAFF_PAGES[page].path}/import`, beforeBody(allow(page)), importFormParser);
  // the needs queue's forms (64 kB) are read for those who may use it only: larger than what is read without a session
  router.use(STAFF_PAGES.needs.path, beforeBody(allow("needs")), needsFormParser);
  router.use(STAFF_PAGES.canned.path, beforeBody(allow("canned")), cannedFormParser(deps.texts.languages));
  router.use(STAFF_PAGES.texts.path, beforeBody(allow("texts")), textsFormParser);
  const areaIds = Object.keys(deps.areas);
  router.use(
    STAFF_PAGES.broadcasts.path,
    beforeBody(allow("broadcasts")),
    broadcastFormParser(deps.texts.languages, areaIds),
  );
  router.use(formParser("32kb", 20));
  // a form posted after its session ended: the sign-in page, what was typed kept, then back to the page it came from
  router.use(
    requireCsrf((req, res) =>
      signIn.showSignIn(req, res, {
        status: 401,
        next: safeNext(refererPath(req)),
        error: textOf(res).t("login.sessionEnded"),
      }),
    ),
  );
  router.post("/logout", requireSignIn, async (req, res) => {
    const staff = staffOf(res);
    await endSession(auth, res, staff.sessionId);
    await audit(deps.prisma, { staffUserId: staff.id, action: "signed_out", detail: { address: req.ip ?? "" } });
    res.redirect(303, "/staff/login");
  });
  router.use(accountPages(deps.prisma, { adminTwoFactor: deps.adminTwoFactor, languages: texts.languages }));
  router.get("/", allow("home"), (_req, res) => {
    const x = textOf(res);
    if (staffOf(res).role === "analyst") return sendPage(res, x.t("home.title"), analystHome(x));
    if (staffOf(res).role === "editor") return res.redirect(303, `/staff${STAFF_PAGES.texts.path}`);
    if (staffOf(res).role === "protection") return res.redirect(303, `/staff${STAFF_PAGES.protection.path}`);
    if (staffOf(res).role === "broadcaster") return res.redirect(303, `/staff${STAFF_PAGES.broadcasts.path}`);
    if (staffOf(res).role === "partner") return res.redirect(303, `/staff${STAFF_PAGES.referrals.path}`);
    res.redirect(303, "/staff/inbox");
  });

  // the inbox's roles open its conversations and live updates too
  const caseworkers = allow("inbox");
  const labels = staffLabels(deps.texts, deps.timeZone);
  router.use(adminPages(deps.prisma, throttle));
  router.use("/needs", needsRouter(deps.prisma, labels));
  router.use("/insights", insightsRouter(deps.prisma, deps.insights));
  router.use(recordPages(deps.prisma, deps.areas));
  router.use(feedbackRoutes(deps.prisma));
  router.use(helpfulnessRouter(deps.prisma));
  router.use(cannedPages(deps.prisma, deps.texts.languages));
  router.use(textsPages(deps.content));
  router.use(
    broadcastRoutes({
      ...deps.broadcasts,
      // English first: the text every broadcast needs
      languages: [FALLBACK_LANGUAGE, ...deps.texts.languages.filter((l) => l !== FALLBACK_LANGUAGE)],
      areas: areaIds,
      timeZone: deps.timeZone,
    }),
  );
  router.use(
    simulatorPage({
      prisma: deps.prisma,
      simulator: deps.simulator,
      texts: deps.texts,
      draftTexts: () => deps.content.draftTexts(),
    }),
  );

  router.use(inboxRoutes(deps.handoff, deps.texts.languages, (req, res) => noticeOf(res, req.query.done)));
  router.use(searchPage(deps.prisma));

  const noConversation = (res: Response) =>
    sendPage(res, textOf(res).t("common.notFound"), layoutMessage(res, textOf(res).t("outcome.not_found")), {
      status: 404,
    });
  router.get(
    "/conversations/:id",
    caseworkers,
    withId(async (req, res, id) => {
      const staff = staffOf(res);
      const before = parseId(req.query.before);
      const v = await deps.handoff.view(staff, id, { before });
      if (!v.ok && v.reason === "not_found") return noConversation(res);
      const x = textOf(res);
      if (!v.ok)
        return sendPage(res, x.t("openRecord.title"), openRecordPage(x, { contactId: id, csrf: staff.csrfToken }), {
          status: 403,
        });
      const d = v.detail;
      // three reads that do not wait on each other
      const [colleagues, canned, person] = await Promise.all([
        deps.handoff.mayTransfer(staff, d.conversation) ? deps.handoff.colleagues() : undefined,
        cannedForPerson(deps.prisma, { contactId: id, language: d.language }),
        personSummary(deps.prisma, d),
      ]);
      const transfer =
        colleagues &&
        transferForm(x, {
          contactId: d.id,
          csrf: staff.csrfToken,
          colleagues,
          holderId: d.conversation?.assigneeId ?? null,
          language: d.language,
        });
      const insert = parseId(req.query.canned);
      sendPage(
        res,
        x.t("conversation.title"),
        conversationPage(x, {
          view: v,
          before,
          person,
          transfer,
          csrf: staff.csrfToken,
          staffId: staff.id,
          admin: staff.role === "admin",
          mayNote: deps.handoff.mayNote(staff, d.conversation),
          moves: deps.handoff.movesFor(staff, d.conversation),
          windowOpen: deps.handoff.windowOpen(d),
          templateAvailable: deps.handoff.templateAvailable,
          canned,
          inserted: canned.replies.find((r) => r.id === insert),
        }),
        { notice: noticeOf(res, req.query.done), wide: true, script: "/staff/assets/conversation.js" },
      );
    }),
  );
  router.get(
    "/conversations/:id/transcript",
    caseworkers,
    withId(async (_req, res, id) => {
      // the page's live refresh, but also reachable alone: audited
      // unless this view is logged within a session's lifetime
      const v = await deps.handoff.view(staffOf(res), id, {
        seenSince: new Date(Date.now() - deps.sessionHours * 3600_000),
      });
      if (!v.ok) return void res.status(v.reason === "not_found" ? 404 : 403).end();
      res.type("html").send(transcriptPart(v, textOf(res)).value);
    }),
  );

  const deed = (name: string, run: (staff: StaffContext, contactId: number, req: Request) => Promise<Outcome>) =>
    router.post(
      `/conversations/:id/${name}`,
      caseworkers,
      withId(async (req, res, id) => {
        const outcome = await run(staffOf(res), id, req);
        if (!outcome.ok) {
          const { t } = textOf(res);
          const text = t(`outcome.${outcome.reason}`, { max: MAX_REPLY_CHARS, maxReason: MAX_REASON_CHARS });
          return sendPage(res, t("common.notDone"), layoutMessage(res, text, `/staff/conversations/${id}`), {
            status: OUTCOME_STATUS[outcome.reason],
          });
        }
        res.redirect(303, `/staff/conversations/${id}?done=${name}`);
      }),
    );
  router.use(
    mediaRoutes({ handoff: deps.handoff, fetcher: deps.media, log: deps.log, sessionHours: deps.sessionHours }),
  );

  deed("take", (s, id) => deps.handoff.take(s, id));
  deed("reply", (s, id, req) => deps.handoff.reply(s, id, String(req.body?.text ?? "")));
  deed("template", async (s, id, req) => {
    // a template entry from Canned replies, else the configured one
    const canned = parseId(req.body?.canned);
    if (canned === undefined) return deps.handoff.sendTemplate(s, id);
    const entry = await findCanned(deps.prisma, canned);
    return entry?.kind === "template" ? deps.handoff.sendTemplate(s, id, entry) : { ok: false, reason: "no_template" };
  });
  deed("hand-back", (s, id) => deps.handoff.handBack(s, id));
  deed("close", (s, id) => deps.handoff.close(s, id));
  deed("note", (s, id, req) => deps.handoff.note(s, id, String(req.body?.text ?? "")));
  deed("open", (s, id, req) => deps.handoff.openRecord(s, id, String(req.body?.reason ?? "")));
  deed("transfer", (s, id, req) => deps.handoff.transfer(s, id, parseId(req.body?.to) ?? 0));

  // the right to erasure for a person who asked by other means: admins only, after a confirm page
  const admins = allow("erase");
  router.get(
    "/conversations/:id/erase",
    admins,
    withId(async (_req, res, id) => {
      if (!(await contactExists(deps.prisma, id))) return noConversation(res);
      const x = textOf(res);
      sendPage(res, x.t("erase.title"), eraseConfirmPage(x, { contactId: id, csrf: staffOf(res).csrfToken }));
    }),
  );
  router.post(
    "/conversations/:id/erase",
    admins,
    withId(async (_req, res, id) => {
      if (!(await eraseContactForStaff(deps.prisma, staffOf(res).id, id, deps.sidHash))) return noConversation(res);
      res.redirect(303, "/staff/inbox?done=erased");
    }),
  );

  // live updates: the contact that changed (this process), or "*" when another process changed the inbox.
  // One subscription and one poll of the inbox for all open streams, the poll only while one is open.
  // Each poll also checks the streams' sessions: a stream whose session ended (sign-out, disabled account,
  // expiry) is ended, so it stops receiving within one poll.
  const broadcast = (line: string, to?: number) => {
    for (const [s, { staffId }] of streams) if (to === undefined || staffId === to) s.write(line);
  };
  const changed = (data: string) => broadcast(`event: change\ndata: ${data}\n\n`);
  // urgent conversations to everyone, a transfer to its colleague: as events the inbox's script alerts on
  const alerts = new InboxAlerts(
    deps.prisma,
    (a) =>
      broadcast(
        `event: ${a.kind}\ndata: ${JSON.stringify({ key: a.key, contactId: a.contactId, by: a.kind === "assigned" ? a.by : undefined })}\n\n`,
        a.kind === "assigned" ? a.to : undefined,
      ),
    deps.log,
  );
  const unsubscribe = deps.handoff.subscribe((contactId) => {
    changed(String(contactId));
    if (streams.size) alerts.check();
  });
  let version: string | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  const drop = (res: Response) => {
    streams.delete(res);
    if (streams.size === 0) {
      clearInterval(poll);
      poll = undefined;
      version = undefined;
    }
  };
  const pollInbox = () => {
    alerts.check();
    // a stream opened during the poll is checked at the next one
    const checked = new Set([...streams.values()].map((s) => s.session));
    void Promise.all([inboxVersion(deps.prisma), liveSessions(deps.prisma, [...checked])])
      .then(([v, live]) => {
        for (const [s, { session }] of streams)
          if (checked.has(session) && !live.has(session)) {
            drop(s);
            s.end();
          }
        if (streams.size === 0) return;
        if (version !== undefined && v !== version) changed("*");
        else broadcast(": keep-alive\n\n");
        version = v;
      })
      .catch((err) => deps.log.warn({ err }, "inbox poll failed"));
  };
  router.get("/events", caseworkers, (req, res) => {
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.write("retry: 3000\n\n");
    streams.set(res, { session: staffOf(res).sessionId, staffId: staffOf(res).id });
    if (!poll) {
      alerts.start();
      pollInbox();
      poll = setInterval(pollInbox, deps.pollMs);
    }
    req.on("close", () => drop(res));
  });
  // a form over its route's size (body-parser's 413) is told as a page, not the API's JSON
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (Reflect.get(Object(err), "type") !== "entity.too.large") return next(err);
    const { t } = textOf(res);
    sendPage(res, t("common.tooLong"), layoutMessage(res, t("common.formTooLong")), { status: 413 });
  });

  return {
    router,
    close() {
      clearInterval(poll);
      unsubscribe();
      for (const s of streams.keys()) s.end();
    },
  };
}

/** The path of the page a form was posted from (same origin only: the staff pages send Referer so). */
function refererPath(req: Request): string | undefined {
  try {
    const from = new URL(req.get("referer") ?? "");
    // without the notice of what was done on it before ("You took this conversation.")
    from.searchParams.delete("done");
    return from.host === req.get("host") ? from.pathname + from.search : undefined;
  } catch {
    return undefined;
  }
}

/** What a deed's redirect (`?done=`) tells: its text is `done.<deed>`. */
const DONE = ["take", "reply", "template", "hand-back", "close", "note", "transfer", "open", "erased"];
const noticeOf = (res: Response, done: unknown) =>
  typeof done === "string" && DONE.includes(done)
    ? textOf(res).t(`done.${done}`, { minutes: RECORD_ACCESS_MS / 60_000 })
    : undefined;

const layoutMessage = (res: Response, text: string, back?: string) =>
  html`<p class="card">${text}</p>${back ? html`<p><a href="${back}">${textOf(res).t("conversation.back")}</a></p>` : ""}`;
