import { type Config, parseConfig } from "../../src/config.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import { type BotOptions, type RunningServer, startServer } from "../../src/server.ts";
import { testDatabase } from "./database.ts";
import { inboundForm, signedRequest } from "./twilio-signing.ts";
import { TwilioStandIn } from "./twilio-standin.ts";

export const ACCOUNT_SID = `AC${"a1".repeat(16)}`;
export const AUTH_TOKEN = "test-auth-token-0123456789abcdef";
/** Twilio calls this address; our server listens elsewhere, as behind a TLS proxy. */
export const PUBLIC_BASE_URL = "https://helpline.example.org";

export interface Harness {
  server: RunningServer;
  twilio: TwilioStandIn;
  config: Config;
  databaseUrl: string | undefined;
  /** post a webhook signed as Twilio signs it; returns the response */
  post(path: string, params: Record<string, string>, opts?: { token?: string; signature?: string }): Promise<Response>;
  /** a message from a person, as Twilio would deliver it */
  say(from: string, body: string, opts?: { channel?: "sms" | "whatsapp"; sid?: string }): Promise<Response>;
  /** restart the server on the same database (a deploy or a crash) */
  restart(): Promise<void>;
  close(): Promise<void>;
}

type HarnessOptions = BotOptions & { log?: Logger };

/**
 * The harness of a test file that needs one server throughout: started before its tests, closed after them. The
 * object is the file's from the start (filled in by `beforeAll`), so a test reads `h.server` as with `startHarness`.
 */
export function harnessForFile(env: Record<string, string> = {}, opts: HarnessOptions = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    await fillHarness(h, env, opts);
  }, 60_000);
  afterAll(async () => {
    await h.close?.();
  });
  return h;
}

/** `replaceActions` swaps domain actions (e.g. for one that throws); `log` reads what the server logs. */
export async function startHarness(env: Record<string, string> = {}, opts: HarnessOptions = {}): Promise<Harness> {
  return fillHarness({} as Harness, env, opts);
}

async function fillHarness(h: Harness, env: Record<string, string>, opts: HarnessOptions): Promise<Harness> {
  const database = await testDatabase();
  const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  const config = parseConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    PUBLIC_BASE_URL,
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_API_URL: twilio.url,
    // the tests stand in for a proxy on this machine: they set X-Forwarded-For to act as many clients
    TRUST_PROXY: "loopback",
    OUTBOX_POLL_MS: "100",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...env,
  });
  const { log = createLogger(config.LOG_LEVEL), ...options } = opts;
  return Object.assign(h, {
    server: await startServer(config, log, options),
    twilio,
    config,
    databaseUrl: database.url,
    async post(path, params, opts = {}) {
      const signed = signedRequest(opts.token ?? AUTH_TOKEN, PUBLIC_BASE_URL + path, params);
      if (opts.signature !== undefined) signed.headers["x-twilio-signature"] = opts.signature;
      return fetch(h.server.url + path, { method: "POST", headers: signed.headers, body: signed.body });
    },
    say(from, body, opts = {}) {
      return h.post("/webhooks/twilio", inboundForm({ from, body, channel: opts.channel, sid: opts.sid }));
    },
    async restart() {
      await h.server.stop();
      h.server = await startServer(config, log, options);
    },
    async close() {
      await h.server.stop();
      await twilio.stop();
      await database.drop();
    },
  } satisfies Harness);
}
