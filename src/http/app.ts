import express, { type Express, type Router } from "express";
import type { Logger } from "../logger.ts";
import { type CasesApiDeps, casesApi } from "./cases-api.ts";
import { errorHandler } from "./errors.ts";
import { type TwilioWebhookDeps, twilioWebhooks } from "./twilio-webhooks.ts";

export interface AppDeps {
  log: Logger;
  twilio: TwilioWebhookDeps;
  /** the staff web app, mounted at /staff */
  staff?: Router;
  cases: CasesApiDeps;
  /** throws when the service cannot serve (database unreachable) */
  checkHealth(): Promise<void>;
}

/**
 * On every answer, staff pages, the API and webhooks alike: nothing is framed, sniffed as another type,
 * cached or referred onwards; pages run only our own script and style (no inline ones).
 */
const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Cache-Control": "no-store",
};

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => { res.set(SECURITY_HEADERS); next(); });
  app.set("trust proxy", true);
  app.use("/webhooks/twilio", twilioWebhooks(deps.twilio));
  if (deps.staff) app.use("/staff", deps.staff);
  app.use("/api/cases", casesApi(deps.cases));
  app.get("/healthz", async (_req, res) => {
    try {
      await deps.checkHealth();
      res.json({ status: "ok" });
    } catch (error) {
      deps.log.error({ err: error }, "health check failed");
      res.status(503).json({ status: "unavailable" });
    }
  });
  app.use((_req, res) => void res.status(404).json({ error: "not_found" }));
  app.use(errorHandler(deps.log));
  return app;
}
