import { sameSecret } from "../domain/same-secret.ts";
import { type Request, type Response, Router } from "express";
import type { Registry } from "prom-client";
import type { Logger } from "../logger.ts";

export interface OperationsDeps {
  log: Logger;
  /** throws when the database cannot be reached */
  checkDatabase(): Promise<void>;
  /** false once shutdown began: a load balancer stops sending new work while turns and sends finish */
  accepting(): boolean;
  metrics: Registry;
  /** METRICS_TOKEN: a scraper sends it as a bearer token; unset, only this machine may read /metrics */
  metricsToken: string | undefined;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The socket's own peer, not X-Forwarded-For: a proxy in front must not make every caller local. */
function mayScrape(req: Request, token: string | undefined): boolean {
  if (token) return sameSecret(req.get("authorization"), `Bearer ${token}`);
  return LOOPBACK.has(req.socket.remoteAddress ?? "") && !req.get("x-forwarded-for");
}

/**
 * What an operator's tools read: liveness (the process answers), readiness (it can take work: database
 * reachable, not shutting down) and Prometheus metrics. /healthz stays as readiness for existing checks.
 */
export function operationsRoutes(deps: OperationsDeps): Router {
  const router = Router();
  router.get("/livez", (_req, res) => void res.json({ status: "ok" }));
  const ready = async (_req: Request, res: Response) => {
    if (!deps.accepting()) return void res.status(503).json({ status: "shutting_down" });
    try {
      await deps.checkDatabase();
      res.json({ status: "ok" });
    } catch (error) {
      deps.log.error({ err: error }, "readiness check failed");
      res.status(503).json({ status: "unavailable" });
    }
  };
  router.get("/readyz", ready);
  router.get("/healthz", ready);
  router.get("/metrics", async (req, res) => {
    if (!mayScrape(req, deps.metricsToken)) return void res.status(403).json({ error: "forbidden" });
    try {
      res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
    } catch (error) {
      deps.log.error({ err: error }, "metrics could not be read");
      res.status(503).json({ status: "unavailable" });
    }
  });
  return router;
}
