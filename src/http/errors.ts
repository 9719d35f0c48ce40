import type { ErrorRequestHandler } from "express";
import type { Logger } from "../logger.ts";

/** An error meant for the client: its status and a short reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One place turns errors into answers: 4xx say what was wrong, 5xx say nothing of the inside. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    // body-parser marks its own errors (too large, bad encoding, unparsable) with a 4xx status
    const status = error instanceof HttpError ? error.status : Number(Reflect.get(Object(error), "status")) || 500;
    const type: unknown = Reflect.get(Object(error), "type");
    const code = error instanceof HttpError ? error.code : typeof type === "string" ? type : `http_${status}`;
    // an HttpError of 5xx is deliberate (503 not_configured) and says why; other failures say nothing of the inside
    if (status >= 500 && !(error instanceof HttpError)) {
      log.error({ err: error, path: req.path }, "request failed");
      res.status(500).json({ error: "internal", message: "Something went wrong on our side." });
      return;
    }
    log.warn(
      { path: req.path, status, code, reason: error instanceof Error ? error.message : String(error) },
      "request rejected",
    );
    res.status(status).json({ error: code, message: error instanceof Error ? error.message : String(error) });
  };
}
