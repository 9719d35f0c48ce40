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

/**
 * One place turns errors into answers, logged: 4xx say what was wrong, 5xx say nothing of the inside. For the app's
 * error handler and the Twilio webhooks, which answer without Express.
 */
export function errorAnswer(
  log: Logger,
  error: unknown,
  path: string,
): { status: number; body: { error: string; message: string } } {
  // body-parser marks its own errors (too large, bad encoding, unparsable) with a 4xx status
  const status = error instanceof HttpError ? error.status : Number(Reflect.get(Object(error), "status")) || 500;
  const type: unknown = Reflect.get(Object(error), "type");
  const code = error instanceof HttpError ? error.code : typeof type === "string" ? type : `http_${status}`;
  // an HttpError of 5xx is deliberate (503 not_configured) and says why; other failures say nothing of the inside
  if (status >= 500 && !(error instanceof HttpError)) {
    log.error({ err: error, path }, "request failed");
    return { status: 500, body: { error: "internal", message: "Something went wrong on our side." } };
  }
  const message = error instanceof Error ? error.message : String(error);
  log.warn({ path, status, code, reason: message }, "request rejected");
  return { status, body: { error: code, message } };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status, body } = errorAnswer(log, error, req.path);
    res.status(status).json(body);
  };
}
