import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Response, Router } from "express";
import { z } from "zod";
import type { Media, MediaFetcher } from "../channels/message.ts";
import type { HandoffService } from "../domain/handoff/service.ts";
import type { Logger } from "../logger.ts";
import { allow, staffOf } from "./auth.ts";
import { html } from "./html.ts";
import { parseId } from "./ids.ts";
import { sendPage } from "./layout.ts";
import { textOf } from "./staff-text.ts";

/** WhatsApp's own limit for a document is 100 MB; a voice note or photo is well under this. */
export const MEDIA_MAX_BYTES = 16 * 1024 * 1024;

/** Types a browser shows in the page itself; SVG (which runs script) and everything else is downloaded. */
const INLINE_IMAGE = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
export type MediaKind = "image" | "audio" | "file";
export function mediaKind(contentType: string): MediaKind {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (INLINE_IMAGE.has(type)) return "image";
  return type.startsWith("audio/") ? "audio" : "file";
}

/** Where the staff pages fetch a person's media file: through this server, never from Twilio directly. */
export const mediaPath = (contactId: number, messageId: number, index: number) =>
  `/staff/conversations/${contactId}/media/${messageId}/${index}`;

export interface MediaDeps {
  handoff: HandoffService;
  /** undefined: Twilio's credentials are not configured, so no media can be fetched */
  fetcher: MediaFetcher | undefined;
  log: Logger;
  /** a file's fetch is audited once per staff member within a session's lifetime */
  sessionHours: number;
  maxBytes?: number;
}

const fileIndex = z.coerce.number().int().min(0).max(9);

/** A refusal as a page: its text is `media.<reason>`, its title `media.title_<reason>` or "Media". */
const refuse = (res: Response, status: number, reason: string, vars: Record<string, number> = {}) => {
  const { t } = textOf(res);
  sendPage(
    res,
    t(`media.title_${reason}`, { defaultValue: t("media.title") }),
    html`<p class="card">${t(`media.${reason}`, vars)}</p>`,
    {
      status,
    },
  );
};

/**
 * GET /conversations/:id/media/:message/:file: the person's file, streamed from Twilio with the account's
 * credentials to staff who may open the conversation. Anything over the cap is refused (413) or cut off.
 */
export function mediaRoutes(deps: MediaDeps): Router {
  const router = Router();
  const maxBytes = deps.maxBytes ?? MEDIA_MAX_BYTES;
  router.get("/conversations/:id/media/:message/:file", allow("inbox"), async (req, res) => {
    const contactId = parseId(req.params.id);
    const messageId = parseId(req.params.message);
    const index = fileIndex.safeParse(req.params.file);
    if (contactId === undefined || messageId === undefined || !index.success) return refuse(res, 404, "noFile");
    const seenSince = new Date(Date.now() - deps.sessionHours * 3600_000);
    const found = await deps.handoff.media(staffOf(res), contactId, { messageId, index: index.data }, seenSince);
    if (!found.ok && found.reason === "no_access") return refuse(res, 403, "notOpen");
    // erased (by the person, an admin or the retention of their words) is as gone as never sent
    if (!found.ok) return refuse(res, 404, "gone");
    if (!deps.fetcher) return refuse(res, 502, "noCredentials");
    await stream(res, found.media, {
      fetcher: deps.fetcher,
      maxBytes,
      log: deps.log,
      messageId,
      index: index.data,
    });
  });
  return router;
}

async function stream(
  res: Response,
  media: Media,
  o: { fetcher: MediaFetcher; maxBytes: number; log: Logger; messageId: number; index: number },
) {
  // the browser went away (a page left, a player stopped): stop fetching from Twilio
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  const download = await o.fetcher.fetch(media.url, o.maxBytes, gone.signal);
  if (!download.ok) {
    const mb = Math.round(o.maxBytes / 1024 / 1024);
    return download.reason === "too_large" ? refuse(res, 413, "tooLarge", { mb }) : refuse(res, 502, "unavailable");
  }
  // the type the webhook gave decides how it is shown; anything not shown inline is a download
  const kind = mediaKind(media.contentType);
  const subtype = /^[a-z0-9]{1,12}$/.exec(media.contentType.split(/[/;]/)[1]?.trim().toLowerCase() ?? "")?.[0];
  res.status(200).set({
    "Content-Type": kind === "file" ? "application/octet-stream" : media.contentType,
    "Content-Disposition":
      kind === "file"
        ? `attachment; filename="haven-${o.messageId}-${o.index}${subtype ? `.${subtype}` : ""}"`
        : "inline",
    // a file opened on its own runs nothing, whatever it holds
    "Content-Security-Policy": "default-src 'none'; sandbox",
    ...(download.length === undefined ? {} : { "Content-Length": String(download.length) }),
  });
  let sent = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      done(sent > o.maxBytes ? new Error(`media over ${o.maxBytes} bytes`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(download.body), cap, res);
  } catch (err) {
    // the status line is out: cut the answer so a partial file cannot pass for a whole one
    if (!gone.signal.aborted) o.log.warn({ err, messageId: o.messageId }, "media stream cut");
    res.destroy();
  }
}
