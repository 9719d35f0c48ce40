import type { AddressInfo } from "node:net";
import type { Server as HttpServer } from "node:http";
import type { Config } from "./config.ts";
import type { InboundMessage, MessageSender } from "./channels/message.ts";
import { twilioSender } from "./channels/twilio/sender.ts";
import { combineActions, languageActions } from "./conversations/actions.ts";
import { ConversationProcessor } from "./conversations/processor.ts";
import { acceptInbound } from "./conversations/repository.ts";
import { GroupCommit } from "./db/group-commit.ts";
import { type Database, databaseTarget, openDatabase } from "./db/database.ts";
import { deployMigrations } from "./db/migrations.ts";
import { ENTRY_FLOWS, loadFlows } from "./flows/load-flows.ts";
import { createApp } from "./http/app.ts";
import { createTexts, readLocales } from "./i18n/texts.ts";
import { createLogger, type Logger } from "./logger.ts";
import { recordDelivery } from "./outbox/repository.ts";
import { OutboxWorker } from "./outbox/worker.ts";

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  processor: ConversationProcessor;
  log: Logger;
  stop(): Promise<void>;
}

/** How often unanswered messages (left by a crash or a failed turn) are looked for. */
const SWEEP_MS = 10_000;

/** The bot's engine, flows and database, without HTTP: shared by the server and the chat simulator. */
export async function openBot(config: Config, log: Logger, hooks: { onReplies(): void }) {
  const texts = createTexts(readLocales(config.LOCALES_DIR), config.DEFAULT_LANGUAGE);
  // each domain module contributes its table of actions
  const actions = combineActions([
    languageActions(texts.languages),
  ]);
  const flows = loadFlows(config.FLOWS_DIR, {
    actions: actions.names,
    hasText: (key) => texts.has(config.DEFAULT_LANGUAGE, key),
  });
  const target = databaseTarget(config.DATABASE_URL, config.DATA_DIR);
  const applied = await deployMigrations(target.factory);
  if (applied.length) log.info({ applied }, "database migrated");
  const db = openDatabase(target);
  const processor = new ConversationProcessor({
    db, log, onReplies: hooks.onReplies, actions: actions.bind,
    engine: { flows, texts, entry: ENTRY_FLOWS, defaultLanguage: config.DEFAULT_LANGUAGE },
  });
  return { db, processor, flows, texts };
}

export async function startServer(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningServer> {
  let outbox: OutboxWorker | undefined;
  const { db, processor } = await openBot(config, log, { onReplies: () => outbox?.wake() });

  const sender = senderFrom(config);
  if (sender) {
    outbox = new OutboxWorker({ prisma: db.prisma, sender, log, pollMs: config.OUTBOX_POLL_MS, maxAttempts: config.OUTBOX_MAX_ATTEMPTS });
    outbox.start();
  } else {
    log.warn("TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN not set: outbound sending is off; replies wait in the outbox");
  }
  if (!config.TWILIO_AUTH_TOKEN) log.warn("TWILIO_AUTH_TOKEN not set: webhooks are refused (503) because they cannot be verified");

  // webhooks arriving together are stored with one statement
  const inbound = new GroupCommit((messages: InboundMessage[]) => acceptInbound(db.prisma, messages), { concurrency: db.kind === "pglite" ? 1 : 2 });
  const app = createApp({
    log,
    checkHealth: async () => { await db.prisma.$queryRaw`SELECT 1`; },
    twilio: {
      publicBaseUrl: config.PUBLIC_BASE_URL, authToken: config.TWILIO_AUTH_TOKEN, log,
      accept: async (message) => {
        const r = await inbound.add(message);
        if (r.accepted) void processor.enqueue(r.contactId);
        return r.accepted;
      },
      recordDelivery: (report) => recordDelivery(db.prisma, report),
    },
  });

  const http: HttpServer = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s)).on("error", reject);
  });
  const port = (http.address() as AddressInfo).port;
  const sweeper = setInterval(() => void processor.sweep().catch((err) => log.error({ err }, "sweep failed")), SWEEP_MS);
  void processor.sweep(0).catch((err) => log.error({ err }, "sweep failed"));
  log.info({ port, database: db.kind }, "help line listening");

  return {
    url: `http://127.0.0.1:${port}`, port, db, processor, log,
    async stop() {
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections(); // keep-alive sockets would hold close() open
      await closed;
      await processor.idle();
      await outbox?.stop();
      await db.close();
    },
  };
}

function senderFrom(config: Config): MessageSender | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  return twilioSender({
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    apiUrl: config.TWILIO_API_URL,
    messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
    statusCallback: (ref) => `${config.PUBLIC_BASE_URL}/webhooks/twilio/status?ref=${ref}`,
  });
}
