import type { AddressInfo } from "node:net";
import { createServer, type Server as HttpServer } from "node:http";
import { type Config, ConfigError, housekeepingOf } from "./config.ts";
import type { InboundMessage, MessageSender } from "./channels/message.ts";
import { contentStore } from "./channels/twilio/content-repository.ts";
import { twilioMediaFetcher } from "./channels/twilio/media.ts";
import { twilioSender } from "./channels/twilio/sender.ts";
import type { Turn } from "./domain/action-set.ts";
import { ConversationProcessor } from "./conversations/processor.ts";
import { Simulator } from "./conversations/simulator.ts";
import { GroupCommit } from "./db/group-commit.ts";
import { type Database, databaseTarget, openDatabase, type Prisma } from "./db/database.ts";
import { deployMigrations } from "./db/migrations.ts";
import { domainActions } from "./domain/actions.ts";
import { checkAreas } from "./domain/areas/area-labels.ts";
import { serviceMenuProblems } from "./domain/services.ts";
import { areasFile, readAreas } from "./domain/areas/areas.ts";
import { HandoffService } from "./domain/handoff/service.ts";
import { startHousekeeping } from "./domain/housekeeping.ts";
import { type Actions, optionLabelKeys } from "./engine/index.ts";
import { ENTRY_FLOWS, loadFlows, loadKeywords } from "./flows/load-flows.ts";
import { countCasesWithAppointments } from "./domain/cases/repository.ts";
import { saveCases } from "./domain/cases/service.ts";
import { startCaseNews } from "./domain/cases/news.ts";
import { createApp } from "./http/app.ts";
import { currentLanguageNames } from "./i18n/language-names.ts";
import { loadSecondVoice } from "./i18n/second-voice.ts";
import { riskLanguageChooser } from "./i18n/risk-language.ts";
import { createTexts, readLocaleSet } from "./i18n/texts.ts";
import { liveTexts } from "./i18n/live-texts.ts";
import { LiveContent } from "./domain/content/live-content.ts";
import { ContentService } from "./domain/content/service.ts";
import { createLogger, type Logger } from "./logger.ts";
import { eraseContact } from "./domain/contacts/erase.ts";
import { sidHasher } from "./domain/contacts/erased-sids.ts";
import { outboxBacklog, recordDelivery } from "./outbox/repository.ts";
import { acceptInbound, countUnprocessed } from "./conversations/repository.ts";
import { createMetrics, type Metrics } from "./metrics/metrics.ts";
import { handoffsWaiting } from "./domain/handoff/repository.ts";
import { staffLabels } from "./staff/labels.ts";
import { staffApp } from "./staff/routes.ts";
import { readStaffLocales } from "./staff/staff-text.ts";
import { organizationsPage, serviceById, servicesPage } from "./domain/partners/hsds-directory.ts";
import { OutboxWorker } from "./outbox/worker.ts";
import { BroadcastSender } from "./outbox/broadcast-sender.ts";
import { isBroadcastReference, recordBroadcastDelivery } from "./outbox/broadcast-repository.ts";
import { type BroadcastDeps, startBroadcasts } from "./domain/broadcasts/service.ts";

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  processor: ConversationProcessor;
  handoff: HandoffService;
  log: Logger;
  stop(): Promise<void>;
}

/** A tenth of the quiet period, within 0.2 s and 30 s: news goes out close to its time without busy polling. */
const caseNewsPollMs = (quietSeconds: number) => Math.min(30_000, Math.max(200, quietSeconds * 100));

/** How often unanswered messages (left by a crash or a failed turn) are looked for. */
const SWEEP_MS = 10_000;

export interface BotOptions {
  /** replaces some of a turn's domain actions (tests make one fail); only names the flows already use */
  replaceActions?(turn: Turn, actions: Actions): Actions;
}

/** The bot's engine, flows and database, without HTTP: shared by the server and the chat simulator. */
export async function openBot(
  config: Config,
  log: Logger,
  hooks: { onReplies(): void },
  options: BotOptions = {},
  metrics?: (db: Database) => Metrics,
) {
  const locales = readLocaleSet(config.LOCALES_DIR);
  const base = locales.merged;
  // the texts of the newest published content version, swapped in by LiveContent when an editor publishes
  const texts = liveTexts(createTexts(base, config.DEFAULT_LANGUAGE));
  const areas = readAreas(areasFile(config.FLOWS_DIR));
  // the detector and the risk-language chooser read the same words and ask the same second voice
  // (the names as published now: an editor may add a way people write a language's name)
  const secondVoice = await loadSecondVoice();
  const detection = {
    get names() {
      return currentLanguageNames(texts);
    },
    secondVoice,
  };
  const actions = domainActions({
    texts,
    detection,
    areas,
    timeZone: config.timeZone,
    helpfulnessQuietHours: config.HELPFULNESS_QUIET_HOURS,
  });
  const hasText = (key: string) => texts.has(config.DEFAULT_LANGUAGE, key);
  const flows = loadFlows(config.FLOWS_DIR, { actions: actions.contracts, hasText });
  const keywords = loadKeywords(config.FLOWS_DIR, flows, hasText);
  checkAreas(areas, flows, texts, { areasFile: areasFile(config.FLOWS_DIR), localesDir: config.LOCALES_DIR });
  const menus = serviceMenuProblems(flows);
  if (menus.length) throw new Error(`services menus out of step:\n${menus.map((p) => `  - ${p}`).join("\n")}`);
  const target = await databaseTarget(config.DATABASE_URL, config.DATA_DIR);
  const applied = await deployMigrations(target.factory);
  if (applied.length) log.info({ applied }, "database migrated");
  const db = openDatabase(target);
  const live = new LiveContent({
    prisma: db.prisma,
    base,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    texts,
    log,
    pollMs: config.CONTENT_POLL_MS,
  });
  await live.refresh(); // before any turn: a person reads what was published, never the files alone
  const content = new ContentService(
    db.prisma,
    {
      localesDir: config.LOCALES_DIR,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      base,
      files: locales.files,
      labels: optionLabelKeys(flows),
      flows,
      keywords,
      rtl: texts.rtl,
    },
    live,
  );
  const measured = metrics?.(db);
  const sidHash = sidHasher(config.TWILIO_AUTH_TOKEN);
  const handoff = new HandoffService({
    prisma: db.prisma,
    texts,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    officeHours: config.officeHours,
    templateContentSid: config.TWILIO_TEMPLATE_CONTENT_SID,
    notesOnTaken: config.STAFF_NOTES_ON_TAKEN,
    onReplies: hooks.onReplies,
    resumeAtMenu: (tx, target, preface) => processor.resumeAtMenu(tx, target, preface),
    askAfterClose: (tx, target) => processor.askAfterClose(tx, target),
  });
  const { replaceActions } = options;
  const bindActions = replaceActions
    ? (turn: Turn) => {
        const bound = actions.bind(turn);
        return { ...bound, ...replaceActions(turn, bound) };
      }
    : actions.bind;
  const engine = {
    flows,
    texts,
    entry: ENTRY_FLOWS,
    keywords,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    chooseLanguage: riskLanguageChooser(config.DEFAULT_LANGUAGE, detection),
    notice: {
      version: config.PRIVACY_NOTICE_VERSION,
      vars: { org: config.ORG_NAME, need_days: config.NEEDS_TEXT_RETENTION_DAYS },
    },
  };
  const interactiveMenus = config.WHATSAPP_MENUS === "interactive";
  const processor: ConversationProcessor = new ConversationProcessor({
    db,
    log,
    onReplies: hooks.onReplies,
    handoff: handoff.hooks,
    maxAttempts: config.TURN_MAX_ATTEMPTS,
    metrics: measured,
    interactiveMenus,
    actions: bindActions,
    erase: (tx, contactId) => eraseContact(tx, contactId, { by: "person" }, sidHash),
    engine,
  });
  const simulator = new Simulator({ db, engine, actions: bindActions, interactiveMenus });
  return { db, processor, flows, texts, handoff, areas, sidHash, metrics: measured, live, content, simulator };
}

export async function startServer(
  config: Config,
  log: Logger = createLogger(config.LOG_LEVEL),
  options: BotOptions = {},
): Promise<RunningServer> {
  let outbox: OutboxWorker | undefined;
  let broadcastSender: BroadcastSender | undefined;
  let accepting = true;
  const { db, processor, flows, handoff, areas, texts, sidHash, metrics, live, content, simulator } = await openBot(
    config,
    log,
    { onReplies: () => outbox?.wake() },
    options,
    (db) =>
      createMetrics({
        outbox: () => outboxBacklog(db.prisma),
        messagesWaiting: () => countUnprocessed(db.prisma),
        handoffsWaiting: () => handoffsWaiting(db.prisma),
        pool: db.pool,
      }),
  );
  const appointments = config.TIME_ZONE ? 0 : await countCasesWithAppointments(db.prisma);
  if (appointments) {
    await db.close();
    // told at their hour in UTC, appointments would be hours off for the people waiting for them
    throw new ConfigError(
      `TIME_ZONE is not set, and ${appointments} case(s) carry an appointment told to people at its hour: set it to the zone they take place in (e.g. Europe/Athens)`,
    );
  }

  const sender = senderFrom(config, db.prisma, log);
  if (sender) {
    outbox = new OutboxWorker({
      prisma: db.prisma,
      sender,
      log,
      pollMs: config.OUTBOX_POLL_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      metrics,
    });
    outbox.start();
    broadcastSender = new BroadcastSender({
      prisma: db.prisma,
      sender,
      log,
      pollMs: config.OUTBOX_POLL_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      rates: {
        whatsappPerSecond: config.BROADCAST_WHATSAPP_PER_SECOND,
        smsSegmentsPerSecond: config.BROADCAST_SMS_SEGMENTS_PER_SECOND,
        serviceSegmentsPerSecond: config.BROADCAST_SERVICE_SEGMENTS_PER_SECOND,
      },
      messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
      templates: config.BROADCAST_TEMPLATES,
    });
    broadcastSender.start();
  } else {
    log.warn("TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN not set: outbound sending is off; replies wait in the outbox");
  }
  if (!config.TWILIO_AUTH_TOKEN)
    log.warn("TWILIO_AUTH_TOKEN not set: webhooks are refused (503) because they cannot be verified");

  live.start();
  const broadcasts: BroadcastDeps = {
    prisma: db.prisma,
    log,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    onQueued: () => broadcastSender?.wake(),
    onReplies: () => outbox?.wake(),
  };
  const staff = staffApp({
    broadcasts,
    prisma: db.prisma,
    content,
    handoff,
    simulator,
    insights: {
      flows,
      languages: texts.languages,
      leftAfterMinutes: config.INSIGHTS_LEFT_AFTER_MINUTES,
      firstFlow: ENTRY_FLOWS.menu,
      officeHours: config.officeHours,
    },
    log,
    areas,
    texts,
    staffLocales: readStaffLocales(config.LOCALES_DIR),
    sidHash,
    secure: config.PUBLIC_BASE_URL.startsWith("https:"),
    sessionHours: config.STAFF_SESSION_HOURS,
    loginLimit: config.STAFF_LOGIN_LIMIT,
    pollMs: config.STAFF_EVENTS_POLL_MS,
    timeZone: config.timeZone,
    adminTwoFactor: config.STAFF_ADMIN_2FA === "required",
    media:
      config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
        ? twilioMediaFetcher({
            accountSid: config.TWILIO_ACCOUNT_SID,
            authToken: config.TWILIO_AUTH_TOKEN,
            apiUrl: config.TWILIO_API_URL,
          })
        : undefined,
  });
  // webhooks arriving together are stored with one statement
  const inbound = new GroupCommit((messages: InboundMessage[]) => acceptInbound(db.prisma, messages, sidHash), {
    concurrency: db.kind === "pglite" ? 1 : 2,
  });
  const labels = staffLabels(texts, config.timeZone);
  const app = createApp({
    staff: staff.router,
    log,
    trustProxy: config.TRUST_PROXY,
    operations: {
      checkDatabase: async () => {
        await db.prisma.$queryRaw`SELECT 1`;
      },
      accepting: () => accepting,
      metrics: metrics!.registry,
      metricsToken: config.METRICS_TOKEN,
    },
    twilio: {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      authToken: config.TWILIO_AUTH_TOKEN,
      log,
      accept: async (message) => {
        const r = await inbound.add(message);
        if (r.accepted) void processor.enqueue(r.contactId);
        return r.accepted;
      },
      recordDelivery: (report) =>
        isBroadcastReference(report.reference)
          ? recordBroadcastDelivery(db.prisma, report)
          : recordDelivery(db.prisma, report),
    },
    cases: { apiKey: config.CASES_API_KEY, save: (cases) => saveCases(db.prisma, cases) },
    hsds: {
      services: (at) => servicesPage(db.prisma, at),
      organizations: (at) => organizationsPage(db.prisma, at, labels),
      service: (id) => serviceById(db.prisma, id, labels),
      perMinute: config.HSDS_API_PER_MINUTE,
    },
  });

  const http: HttpServer = await new Promise((resolve, reject) => {
    const s = createServer(app)
      .listen(config.PORT, config.HOST, () => resolve(s))
      .on("error", reject);
  });
  const port = (http.address() as AddressInfo).port;
  const sweeper = setInterval(
    () => void processor.sweep().catch((err) => log.error({ err }, "sweep failed")),
    SWEEP_MS,
  );
  void processor.sweep(0).catch((err) => log.error({ err }, "sweep failed"));
  const stopHousekeeping = startHousekeeping(db.prisma, housekeepingOf(config), log);
  const stopCaseNews = startCaseNews(
    {
      prisma: db.prisma,
      texts,
      log,
      onReplies: () => outbox?.wake(),
      quietSeconds: config.CASE_NEWS_QUIET_SECONDS,
      templates: config.CASE_NEWS_TEMPLATES,
      smsFrom: config.CASE_NEWS_SMS_FROM,
      defaultLanguage: config.DEFAULT_LANGUAGE,
    },
    caseNewsPollMs(config.CASE_NEWS_QUIET_SECONDS),
  );
  const stopBroadcasts = startBroadcasts(broadcasts, config.OUTBOX_POLL_MS);
  log.info({ port, database: db.kind }, "help line listening");

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    processor,
    handoff,
    log,
    async stop() {
      // readiness says no at once, so a load balancer sends new work elsewhere while turns and sends finish
      accepting = false;
      clearInterval(sweeper);
      live.stop();
      await stopHousekeeping();
      await stopCaseNews();
      await stopBroadcasts();
      staff.close(); // live streams would hold the server open
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections(); // keep-alive sockets would hold close() open
      await closed;
      await processor.idle();
      await outbox?.stop();
      await broadcastSender?.stop();
      await db.close();
    },
  };
}

function senderFrom(config: Config, prisma: Prisma, log: Logger): MessageSender | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  return twilioSender({
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    apiUrl: config.TWILIO_API_URL,
    messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
    connections: config.TWILIO_CONNECTIONS,
    statusCallback: (ref) => `${config.PUBLIC_BASE_URL}/webhooks/twilio/status?ref=${ref}`,
    ...(config.WHATSAPP_MENUS === "interactive" ? { contents: contentStore(prisma) } : {}),
    onContentFailure: (error) => log.warn({ err: error }, "WhatsApp menu content not created; sent as numbered text"),
  });
}
