import type { IncomingMessage, ServerResponse } from "node:http";
import querystring from "node:querystring";
import bodyParser from "body-parser";
import type { DeliveryReport, InboundMessage } from "../channels/message.ts";
import { parseInbound } from "../channels/twilio/inbound.ts";
import { isSignedByTwilio } from "../channels/twilio/signature.ts";
import { parseStatusCallback } from "../channels/twilio/status.ts";
import type { Logger } from "../logger.ts";
import { errorAnswer, HttpError } from "./errors.ts";
import { SECURITY_HEADERS } from "./security-headers.ts";

export interface TwilioWebhookDeps {
  publicBaseUrl: string;
  authToken: string | undefined;
  log: Logger;
  /** store the message; false when Twilio sent it before (a retry), or it is of a person who erased their data */
  accept(message: InboundMessage): Promise<boolean>;
  recordDelivery(report: DeliveryReport): Promise<boolean>;
}

/** Answers a request that is one of Twilio's webhooks and says true; false leaves it to the rest of the app. */
export type WebhookLane = (req: IncomingMessage, res: ServerResponse) => boolean;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const PATH = "/webhooks/twilio";

/** A webhook's form: what it says, and the query string of the URL Twilio called. */
interface Form {
  body: Record<string, unknown>;
  query: querystring.ParsedUrlQuery;
}

/**
 * Twilio's two webhooks, answered by plain Node.js rather than through Express's router: one comes with every
 * message a person sends, and the router's per-request work was a fifth of what a turn allocated. What they share
 * with the app they still share: body-parser reads the form, errors are answered and logged by errorAnswer, and
 * every answer carries the security headers. The paths match as Express matched them (any case, a trailing slash).
 */
export function twilioWebhooks(deps: TwilioWebhookDeps): WebhookLane {
  // Twilio's form posts are small; a larger body is not Twilio. body-parser also inflates gzip and refuses a bomb.
  const readForm = bodyParser.urlencoded({ extended: false, limit: "64kb", parameterLimit: 200 });
  const routes: Record<string, (form: Form, res: ServerResponse) => Promise<void>> = {
    [PATH]: async ({ body }, res) => {
      const parsed = parseInbound(body, new Date());
      if (!parsed.ok) throw new HttpError(400, "malformed", parsed.reason);
      const fresh = await deps.accept(parsed.message);
      if (!fresh)
        deps.log.info(
          { sid: parsed.message.providerId },
          "MessageSid accepted before, or of an erased person: not stored",
        );
      // replies go out through the outbox, never in this response: Twilio wants a fast answer
      answer(res, 200, "text/xml; charset=utf-8", EMPTY_TWIML);
    },
    [`${PATH}/status`]: async ({ body, query }, res) => {
      const parsed = parseStatusCallback(body, query.ref);
      if (!parsed.ok) throw new HttpError(400, "malformed", parsed.reason);
      const applied = await deps.recordDelivery(parsed.report);
      if (!applied)
        deps.log.debug(
          { ref: parsed.report.reference, status: parsed.report.status },
          "status report ignored (older or unknown)",
        );
      answer(res, 200);
    },
  };

  return (req, res) => {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = queryAt === -1 ? "" : url.slice(queryAt + 1);
    const route = routes[(path.endsWith("/") ? path.slice(0, -1) : path).toLowerCase()];
    if (!route) return false;
    const refuse = (error: unknown) => {
      const { status, body } = errorAnswer(deps.log, error, path);
      // a failure after the answer left (logged above) can only end the connection
      if (res.headersSent) res.destroy();
      else answer(res, status, "application/json; charset=utf-8", JSON.stringify(body));
    };
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      refuse(new HttpError(405, "method_not_allowed", `Twilio posts its webhooks; got ${req.method}`));
      return true;
    }
    readForm(req, res, (error?: unknown) => {
      if (error) return refuse(error);
      // whatever throws, synchronously or not, is answered (as Express's router would have)
      (async () => route(formOf(req, deps, url, query), res))().catch(refuse);
    });
    return true;
  };
}

/**
 * The form, once it is known to be a form signed by Twilio (else an HttpError saying why not). body-parser leaves
 * `body` undefined for a request that is no form (or has no body): that is refused for what it is, not as a bad
 * signature.
 */
function formOf(req: IncomingMessage, deps: TwilioWebhookDeps, url: string, query: string): Form {
  const body: unknown = Reflect.get(req, "body");
  if (typeof body !== "object" || body === null)
    throw new HttpError(
      415,
      "unsupported_media_type",
      `expected application/x-www-form-urlencoded, got ${req.headers["content-type"] ?? "no content type"}`,
    );
  if (!deps.authToken)
    throw new HttpError(503, "not_configured", "TWILIO_AUTH_TOKEN is not set: webhooks cannot be verified");
  // Twilio signed the public URL it called, query string included
  const signature = req.headers["x-twilio-signature"];
  const fields = body as Record<string, unknown>;
  if (
    !isSignedByTwilio(
      deps.authToken,
      typeof signature === "string" ? signature : undefined,
      deps.publicBaseUrl + url,
      fields,
    )
  )
    throw new HttpError(403, "bad_signature", "the request is not signed by Twilio");
  return { body: fields, query: querystring.parse(query) };
}

function answer(res: ServerResponse, status: number, type?: string, body?: string): void {
  res.writeHead(status, type ? { ...SECURITY_HEADERS, "Content-Type": type } : SECURITY_HEADERS);
  res.end(body);
}
