import { z } from "zod";
import { parseOfficeHours, validTimeZone } from "./domain/handoff/office-hours.ts";

/** an address the server calls or is called at: http(s) only (ftp:// would fail every request later) */
const httpUrl = z.url({ protocol: /^https?$/ });

/** Every setting the service reads; documented in .env.example. Bad values stop start-up. */
const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    /** The address Twilio calls; signatures are computed over it, so it must match exactly. */
    PUBLIC_BASE_URL: httpUrl.optional(),
    DATABASE_URL: z.string().regex(/^(postgres(ql)?|memory):\/\//, "postgresql://… or memory://").optional(),
    DATA_DIR: z.string().default("./data"),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "starts with AC and has 32 hex digits").optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    TWILIO_API_URL: httpUrl.optional(),
    TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/).optional(),
    FLOWS_DIR: z.string().default("./flows"),
    LOCALES_DIR: z.string().default("./locales"),
    DEFAULT_LANGUAGE: z.string().default("en"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
    /** a message whose turn fails this often (database outages not counted) is given up: the person is told and handed to staff */
    TURN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
    /** when caseworkers answer, e.g. "Mon-Fri 09:00-17:00"; unset: the person is told "soon" at any hour */
    OFFICE_HOURS: z.string().optional(),
    /** approved WhatsApp template offered outside the 24-hour window */
    TWILIO_TEMPLATE_CONTENT_SID: z.string().regex(/^HX[0-9a-fA-F]{32}$/, "starts with HX and has 32 hex digits").optional(),
    /** failed or not, sign-in attempts per address per 15 minutes */
    STAFF_LOGIN_LIMIT: z.coerce.number().int().positive().default(10),
    STAFF_SESSION_HOURS: z.coerce.number().int().positive().default(12),
    /** who may add notes to a conversation a caseworker has taken: its holder (and admins), or any caseworker */
    STAFF_NOTES_ON_TAKEN: z.enum(["holder", "anyone"]).default("holder"),
    /** Bearer key of POST /api/cases (a case management system pushes cases); unset: the API is off. */
    CASES_API_KEY: z.string().min(24, "at least 24 characters (openssl rand -hex 24)").optional(),
    /**
     * The deployment's time zone: office hours, the hour of appointments told to a person, times on staff
     * pages. Needed with OFFICE_HOURS, and at start-up when a case carries an appointment; unset: UTC.
     */
    TIME_ZONE: z.string().refine(validTimeZone, "an IANA time zone such as Europe/Athens").optional(),
    /** the person's own words in a need are erased after this many days (counts stay); unset: kept */
    NEEDS_TEXT_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  })
  .transform((c, ctx) => {
    // hours without their zone would be read in UTC: hours off for the person told them
    if (c.OFFICE_HOURS && !c.TIME_ZONE) ctx.addIssue({ code: "custom", path: ["TIME_ZONE"], message: "needed with OFFICE_HOURS, which are hours in that zone (e.g. Europe/Athens)" });
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

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // an empty variable in .env means "not set", as in most dotenv tools
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const r = configSchema.safeParse(cleaned);
  if (!r.success) throw new ConfigError(`bad configuration:\n${r.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return r.data;
}
