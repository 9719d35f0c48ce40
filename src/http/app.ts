import type { RequestListener } from "node:http";
import express, { type Router } from "express";
import type { TrustProxy } from "../config.ts";
import type { Logger } from "../logger.ts";
import { type CasesApiDeps, casesApi } from "./cases-api.ts";
import { errorHandler } from "./errors.ts";
import { type OperationsDeps, operationsRoutes } from "./operations.ts";
import { type HsdsApiDeps, hsdsApi } from "./hsds-api.ts";
import { SECURITY_HEADERS } from "./security-headers.ts";
import { type TwilioWebhookDeps, twilioWebhooks } from "./twilio-webhooks.ts";

export interface AppDeps {
  log: Logger;
  trustProxy: TrustProxy;
  twilio: TwilioWebhookDeps;
  /** the staff web app, mounted at /staff */
  staff?: Router;
  cases: CasesApiDeps;
  operations: Omit<OperationsDeps, "log">;
  /** the public partner directory as Open Referral HSDS */
  hsds: HsdsApiDeps;
}

/** The app: Twilio's webhooks first, past Express (twilio-webhooks.ts says why), everything else through it. */
export function createApp(deps: AppDeps): RequestListener {
  const app = express();
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  // the client's address (req.ip, which sign-in limits are keyed on) is read from X-Forwarded-For only
  // when sent by a proxy named in TRUST_PROXY; the webhook signature does not need it (PUBLIC_BASE_URL)
  app.set("trust proxy", deps.trustProxy);
  if (deps.staff) app.use("/staff", deps.staff);
  app.use("/api/cases", casesApi(deps.cases));
  app.use("/api/hsds", hsdsApi(deps.hsds));
  app.use(operationsRoutes({ log: deps.log, ...deps.operations }));
  app.use((_req, res) => void res.status(404).json({ error: "not_found" }));
  app.use(errorHandler(deps.log));
  const webhooks = twilioWebhooks(deps.twilio);
  return (req, res) => {
    if (!webhooks(req, res)) app(req, res);
  };
}
