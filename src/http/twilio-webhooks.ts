import express, { type Request, type RequestHandler, Router } from "express";
import type { DeliveryReport, InboundMessage } from "../channels/message.ts";
import { parseInbound } from "../channels/twilio/inbound.ts";
import { isSignedByTwilio } from "../channels/twilio/signature.ts";
import { parseStatusCallback } from "../channels/twilio/status.ts";
import type { Logger } from "../logger.ts";
import { HttpError } from "./errors.ts";

export interface TwilioWebhookDeps {
  publicBaseUrl: string;
  authToken: string | undefined;
  log: Logger;
  /** store the message; false when Twilio sent it before (a retry), or it is of a person who erased their data */
  accept(message: InboundMessage): Promise<boolean>;
  recordDelivery(report: DeliveryReport): Promise<boolean>;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
/** Twilio's form posts are small; a larger body is not Twilio. */
const WEBHOOK_BODY_LIMIT = "64kb";

export function twilioWebhooks(deps: TwilioWebhookDeps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: WEBHOOK_BODY_LIMIT, parameterLimit: 200 }));
  router.use(formOnly);
  router.use(verifySignature(deps));

  router.post("/", async (req, res) => {
    const parsed = parseInbound(req.body, new Date());
    if (!parsed.ok) throw new HttpError(400, "malformed", parsed.reason);
    const fresh = await deps.accept(parsed.message);
    if (!fresh)
      deps.log.info(
        { sid: parsed.message.providerId },
        "MessageSid accepted before, or of an erased person: not stored",
      );
    // replies go out through the outbox, never in this response: Twilio wants a fast answer (and one answer a turn
    // needs no ETag hashed by send())
    res.type("text/xml").end(EMPTY_TWIML);
  });

  router.post("/status", async (req, res) => {
    const parsed = parseStatusCallback(req.body, req.query.ref);
    if (!parsed.ok) throw new HttpError(400, "malformed", parsed.reason);
    const applied = await deps.recordDelivery(parsed.report);
    if (!applied)
      deps.log.debug(
        { ref: parsed.report.reference, status: parsed.report.status },
        "status report ignored (older or unknown)",
      );
    res.status(200).end();
  });
  return router;
}

/** Twilio always posts a form: anything else is refused for what it is, not as a bad signature. */
const formOnly: RequestHandler = (req, _res, next) => {
  if (req.method === "POST" && !req.is("application/x-www-form-urlencoded")) {
    return next(
      new HttpError(
        415,
        "unsupported_media_type",
        `expected application/x-www-form-urlencoded, got ${req.header("content-type") ?? "no content type"}`,
      ),
    );
  }
  next();
};

function verifySignature(deps: TwilioWebhookDeps): RequestHandler {
  return (req: Request, _res, next) => {
    if (!deps.authToken)
      return next(new HttpError(503, "not_configured", "TWILIO_AUTH_TOKEN is not set: webhooks cannot be verified"));
    // Twilio signed the public URL it called, query string included
    const url = deps.publicBaseUrl + req.originalUrl;
    const body: Record<string, unknown> = typeof req.body === "object" && req.body !== null ? req.body : {};
    if (!isSignedByTwilio(deps.authToken, req.header("X-Twilio-Signature"), url, body)) {
      return next(new HttpError(403, "bad_signature", "the request is not signed by Twilio"));
    }
    next();
  };
}
