import { isIP } from "node:net";
import { z } from "zod";
import { CONTENT_SID } from "./channels/twilio/content-sid.ts";
import { parseOfficeHours, validTimeZone } from "./domain/handoff/office-hours.ts";
import { DEFAULT_QUIET_HOURS } from "./domain/helpfulness/actions.ts";
import type { HousekeepingSettings } from "./domain/housekeeping.ts";

/** an address the server calls or is called at: http(s) only (ftp:// would fail every request later) */
const httpUrl = z.url({ protocol: /^https?$/ });

/** "en=HX…,ar=HX…": an approved WhatsApp template per language */
const templatesSetting = z
  .string()
  .transform((v, ctx) => {
    const r = parseTemplates(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.reason });
    return r.ok ? r.value : {};
  })
  .default({});

/** Every setting the service reads; documented in .env.example. Bad values stop start-up. */
const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** 127.0.0.1 for a try-out; 0.0.0.0 (or the machine's address) to be reached from other machines */
    HOST: z.string().default("127.0.0.1"),
    /**
     * Who may say, in X-Forwarded-For, which address a request came from; unset: nobody (the app is reached directly).
     */
    TRUST_PROXY: z
      .string()
      .transform((v, ctx) => {
        const r = parseTrustProxy(v);
        if (!r.ok) ctx.addIssue({ code: "custom", message: r.reason });
        return r.ok ? r.value : false;
      })
      .default(false),
    /** The address Twilio calls; signatures are computed over it, so it must match exactly. */
    PUBLIC_BASE_URL: httpUrl.optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?|memory):\/\//, "postgresql://… or memory://")
      .optional(),
    DATA_DIR: z.string().default("./data"),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "starts with AC and has 32 hex digits")
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    TWILIO_API_URL: httpUrl.optional(),
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/)
      .optional(),
    FLOWS_DIR: z.string().default("./flows"),
    LOCALES_DIR: z.string().default("./locales"),
    DEFAULT_LANGUAGE: z.string().default("en"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
    /** how often each process asks for a newly published content version (texts edited in the staff app) */
    CONTENT_POLL_MS: z.coerce.number().int().positive().default(2000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
    /**
     * requests to Twilio's REST API at once from this process: Twilio answers an account's requests beyond its
     * concurrency limit (100 unless raised) with 429, and a send takes Twilio a few hundred ms
     */
    TWILIO_CONNECTIONS: z.coerce.number().int().positive().max(1000).default(48),
    /**
     * a message whose turn fails this often (database outages not
     * counted) is given up: the person is told and handed to staff
     */
    TURN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
    /** when caseworkers answer, e.g. "Mon-Fri 09:00-17:00"; unset: the person is told "soon" at any hour */
    OFFICE_HOURS: z.string().optional(),
    /**
     * WhatsApp questions with choices as buttons or a list (interactive content through Twilio's Content
     * API) or, "numbered", as the numbered text SMS gets
     */
    WHATSAPP_MENUS: z.enum(["interactive", "numbered"]).default("interactive"),
    /** approved WhatsApp template offered outside the 24-hour window */
    TWILIO_TEMPLATE_CONTENT_SID: z.string().regex(CONTENT_SID, "starts with HX and has 32 hex digits").optional(),
    /**
     * failed sign-ins per address per 15 minutes; an account's
     * failures from this many on make the next attempt wait 15 minutes
     */
    STAFF_LOGIN_LIMIT: z.coerce.number().int().positive().default(10),
    /** required: admins must set up two-factor sign-in (TOTP) before any other page opens */
    STAFF_ADMIN_2FA: z.enum(["optional", "required"]).default("optional"),
    STAFF_SESSION_HOURS: z.coerce.number().int().positive().default(12),
    /** how often open live inbox streams look for other processes' changes and check their sessions */
    STAFF_EVENTS_POLL_MS: z.coerce.number().int().positive().default(5000),
    /** who may add notes to a conversation a caseworker has taken: its holder (and admins), or any caseworker */
    STAFF_NOTES_ON_TAKEN: z.enum(["holder", "anyone"]).default("holder"),
    /** requests per minute and address to the public HSDS directory API (/api/hsds) */
    HSDS_API_PER_MINUTE: z.coerce.number().int().positive().default(120),
    /** Bearer key of POST /api/cases (a case management system pushes cases); unset: the API is off. */
    CASES_API_KEY: z.string().min(24, "at least 24 characters (openssl rand -hex 24)").optional(),
    /** bearer token a Prometheus scraper sends to /metrics; unset: only this machine may read it */
    METRICS_TOKEN: z.string().min(24, "at least 24 characters (openssl rand -hex 24)").optional(),
    /**
     * The deployment's time zone: office hours, the hour of appointments told to a person, times on staff
     * pages. Needed with OFFICE_HOURS, and at start-up when a case carries an appointment; unset: UTC.
     */
    TIME_ZONE: z.string().refine(validTimeZone, "an IANA time zone such as Europe/Athens").optional(),
    /** the person's own words in a need are erased after this many days (counts stay); unset: kept */
    NEEDS_TEXT_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
    /** "Did this help?" is not asked again within this many hours of the last time (also to another journey) */
    HELPFULNESS_QUIET_HOURS: z.coerce.number().positive().default(DEFAULT_QUIET_HOURS),
    /** changes to a case within this many seconds of the first send its followers one "news about your file" */
    CASE_NEWS_QUIET_SECONDS: z.coerce.number().int().positive().default(900),
    /**
     * approved WhatsApp templates of that notice, a Content SID per language: "en=HX…,ar=HX…"; WhatsApp outside
     * the 24-hour window needs one (a language without one is logged and not sent)
     */
    CASE_NEWS_TEMPLATES: templatesSetting,
    /** our SMS number: the notice goes by SMS from it when WhatsApp has no template; unset: not sent */
    CASE_NEWS_SMS_FROM: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, "an E.164 number like +306912345678")
      .optional(),
    /** a person who verified a case is told of its changes for this many days after their last check */
    CASE_NEWS_FOLLOW_DAYS: z.coerce.number().int().positive().default(365),
    /** journey events (the funnels' rows) older than this become daily counts: the figures stay, the rows go */
    EVENT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
    /** a question with no reply within this many minutes counts as left in the funnels */
    INSIGHTS_LEFT_AFTER_MINUTES: z.coerce.number().int().positive().default(60),
    /** broadcasts' pace per sender: WhatsApp messages a second (Twilio's default for a sender) */
    BROADCAST_WHATSAPP_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
    /** SMS segments a second per long code (Twilio's 1); a short code or toll-free number takes more */
    BROADCAST_SMS_SEGMENTS_PER_SECOND: z.coerce.number().positive().max(1000).default(1),
    /** SMS segments a second through TWILIO_MESSAGING_SERVICE_SID (its numbers together: ask Twilio for yours) */
    BROADCAST_SERVICE_SEGMENTS_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
    /**
     * approved WhatsApp templates for broadcasts outside the 24-hour window, one per language with {{1}} where the
     * broadcast's text goes: "en=HX…,ar=HX…"; a person whose language has none is skipped and counted
     */
    BROADCAST_TEMPLATES: templatesSetting,
    /** who runs the line, as the privacy notice names it */
    ORG_NAME: z.string().trim().min(1).default("Haven"),
    /** bump when the privacy notice's content changes: each person is shown the new short notice once */
    PRIVACY_NOTICE_VERSION: z.coerce.number().int().positive().default(1),
  })
  .transform((c, ctx) => {
    // hours without their zone would be read in UTC: hours off for the person told them
    if (c.OFFICE_HOURS && !c.TIME_ZONE)
      ctx.addIssue({
        code: "custom",
        path: ["TIME_ZONE"],
        message: "needed with OFFICE_HOURS, which are hours in that zone (e.g. Europe/Athens)",
      });
    const hours = c.OFFICE_HOURS && c.TIME_ZONE ? parseOfficeHours(c.OFFICE_HOURS, c.TIME_ZONE) : undefined;
    if (hours && !hours.ok) ctx.addIssue({ code: "custom", path: ["OFFICE_HOURS"], message: hours.reason });
    return {
      ...c,
      timeZone: c.TIME_ZONE ?? "UTC",
      PUBLIC_BASE_URL: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ""),
      officeHours: hours?.ok ? hours.hours : undefined,
    };
  });

export type Config = z.infer<typeof configSchema>;

/**
 * Express's "trust proxy" setting from TRUST_PROXY: hops in front of the app, or the proxies' addresses and subnets.
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];
function parseTrustProxy(value: string): { ok: true; value: TrustProxy } | { ok: false; reason: string } {
  if (value === "false") return { ok: true, value: false };
  if (/^\d+$/.test(value)) return { ok: true, value: Number(value) };
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((i) => {
    if (PROXY_NAMES.includes(i)) return false;
    const [address = "", bits, ...rest] = i.split("/");
    const family = isIP(address);
    return (
      family === 0 ||
      rest.length > 0 ||
      (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)))
    );
  });
  // "true" would believe any X-Forwarded-For, which is what let a client pick its own address
  if (items.length === 0 || bad.length) {
    return {
      ok: false,
      reason: `the number of proxies in front of the app (1), or their addresses or subnets (10.0.0.5, 172.16.0.0/12, loopback); not: ${bad.join(", ") || value}`,
    };
  }
  return { ok: true, value: items };
}

/** "en=HX…,ar=HX…" -> { en: "HX…", ar: "HX…" } */
function parseTemplates(value: string): { ok: true; value: Record<string, string> } | { ok: false; reason: string } {
  const pairs = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => item.split("=").map((s) => s.trim()));
  const bad = pairs.filter(
    ([lng = "", sid = "", ...rest]) => !/^[a-z]{2,3}$/.test(lng) || !CONTENT_SID.test(sid) || rest.length,
  );
  if (bad.length)
    return {
      ok: false,
      reason: `language=Content SID pairs, like en=HX…,ar=HX…; not: ${bad.map((b) => b.join("=")).join(", ")}`,
    };
  return { ok: true, value: Object.fromEntries(pairs) };
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // an empty variable in .env means "not set", as in most dotenv tools
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const r = configSchema.safeParse(cleaned);
  if (!r.success)
    throw new ConfigError(
      `bad configuration:\n${r.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  return r.data;
}

/** What the housekeeping (the server's hourly job and npm run retention) keeps and for how long. */
export const housekeepingOf = (c: Config): HousekeepingSettings => ({
  needsTextDays: c.NEEDS_TEXT_RETENTION_DAYS,
  caseFollowDays: c.CASE_NEWS_FOLLOW_DAYS,
  journeys: { days: c.EVENT_RETENTION_DAYS, leftAfterSeconds: c.INSIGHTS_LEFT_AFTER_MINUTES * 60 },
});
