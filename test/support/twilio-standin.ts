import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signedRequest } from "./twilio-signing.ts";

export interface SentMessage {
  accountSid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  /**
   * the text; for a content created here (buttons, a list), its twilio/text: what a phone that cannot
   * show the buttons shows, the numbered question, so tests read what the person reads either way
   */
  body: string;
  /** an approved template, or content created here, sent instead of a body */
  contentSid?: string;
  /** the ContentVariables sent with it, as JSON */
  contentVariables?: string;
  /** the content created here that contentSid names, as its create request had it */
  content?: CreatedContent;
  statusCallback?: string;
  sid: string;
  /** when it arrived (Date.now()) */
  at: number;
}

/** A content created through POST /v1/Content: its SID and the JSON body of the request, parsed. */
export interface CreatedContent {
  sid: string;
  request: {
    friendly_name?: string;
    language?: string;
    types?: Record<string, { body?: string; [field: string]: unknown }>;
  };
}

/**
 * A local server speaking the part of Twilio's REST API we use (POST and GET Messages.json, and the Content
 * API's POST /v1/Content, with Basic auth), standing in for the real one on the internet. `failNext`
 * makes it answer errors as Twilio does; `hangUpNext` breaks the connection instead of answering.
 */
export interface StatusCallbacks {
  publicBaseUrl: string;
  target: () => string;
  /** each status Twilio would report and how long after accepting the message */
  statuses: [status: "sent" | "delivered" | "read", afterMs: number][];
}

export class TwilioStandIn {
  readonly sent: SentMessage[] = [];
  readonly rejected: { status: number; to: string }[] = [];
  /** every content created, in order, with the request body as received */
  readonly contents: CreatedContent[] = [];
  private contentFailures: number[] = [];
  private failures: number[] = [];
  private hangUps: ("before" | "after")[] = [];
  /** the Messages list requests received, as their query strings */
  readonly listed: string[] = [];
  private outage = { until: 0, statuses: [429, 500] };
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  url = "";
  /** the most requests it was answering at one time */
  mostAtOnce = 0;
  private atOnce = 0;
  private answerAfterMs = 0;

  constructor(private readonly auth: { accountSid: string; authToken: string }) {}

  /** `host`: 0.0.0.0 when a container on this machine must reach it (the container check) */
  async start(host = "127.0.0.1"): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        this.mostAtOnce = Math.max(this.mostAtOnce, ++this.atOnce);
        res.once("close", () => this.atOnce--);
        const handle = () => this.handle(req.method ?? "", req.url ?? "", req.headers.authorization ?? "", raw, res);
        if (this.answerAfterMs > 0) setTimeout(handle, this.answerAfterMs);
        else handle();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, host, r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** every request is answered `ms` after it arrived, as Twilio takes a few hundred ms to take a message */
  answerAfter(ms: number): void {
    this.answerAfterMs = ms;
  }

  /** the next requests get these HTTP statuses (429, 500, 400 …) before it accepts again */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /**
   * The next `count` sends get no answer: the connection is cut, "before" taking the message (Twilio never had
   * it) or "after" (Twilio has it and will send it; the sender cannot know).
   */
  hangUpNext(count: number, when: "before" | "after"): void {
    for (let i = 0; i < count; i++) this.hangUps.push(when);
  }

  /** the next Content API creations get these HTTP statuses before it creates again */
  failContentNext(...statuses: number[]): void {
    this.contentFailures.push(...statuses);
  }

  /** an outage on Twilio's side: every request for `ms` gets these statuses in turn */
  failFor(ms: number, statuses = [429, 500]): void {
    this.outage = { until: Date.now() + ms, statuses };
  }

  /**
   * Post a status callback for every accepted message at each status change, signed as Twilio signs
   * it, to the server `target()` names (the public address in StatusCallback is where Twilio would call,
   * `target()` where our server really listens). `statuses` are the changes and when they come, e.g.
   * "sent" once the carrier has it and "delivered" when the phone confirms, as Twilio reports an SMS.
   */
  sendStatusCallbacks(opts: StatusCallbacks): void {
    this.callbacks = opts;
  }

  private callbacks: StatusCallbacks | undefined;

  private readonly media = new Map<string, { bytes: Buffer; contentType: string; chunked: boolean }>();
  /** the Authorization header each download from the CDN came with ("" for none) */
  readonly cdnAuthorizations: string[] = [];

  /**
   * A file Twilio holds for an inbound message: the MediaUrl a webhook carries. Like Twilio's, it asks for the
   * account's Basic auth and redirects to a CDN on another origin (here localhost instead of 127.0.0.1);
   * `chunked` sends it without a Content-Length.
   */
  serveMedia(bytes: Buffer, contentType: string, opts: { chunked?: boolean } = {}): string {
    const id = `ME${randomBytes(16).toString("hex")}`;
    this.media.set(id, { bytes, contentType, chunked: opts.chunked ?? false });
    return `${this.url}/2010-04-01/Accounts/${this.auth.accountSid}/Messages/MM${randomBytes(16).toString("hex")}/Media/${id}`;
  }

  /** GET of a MediaUrl or of the CDN it redirects to; false when the request is neither */
  private serveMediaRequest(
    method: string,
    url: string,
    authorization: string,
    res: import("node:http").ServerResponse,
  ): boolean {
    if (method !== "GET") return false;
    const api = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/MM[0-9a-f]+\/Media\/(ME[0-9a-f]+)$/.exec(url);
    const cdn = /^\/cdn\/(ME[0-9a-f]+)$/.exec(url);
    if (api) {
      const expected = `Basic ${Buffer.from(`${this.auth.accountSid}:${this.auth.authToken}`).toString("base64")}`;
      if (authorization !== expected || api[1] !== this.auth.accountSid) res.writeHead(401).end();
      else if (!this.media.has(api[2]!)) res.writeHead(404).end();
      else res.writeHead(307, { location: `${this.url.replace("127.0.0.1", "localhost")}/cdn/${api[2]}` }).end();
      return true;
    }
    if (!cdn) return false;
    this.cdnAuthorizations.push(authorization);
    const file = this.media.get(cdn[1]!);
    if (!file) {
      res.writeHead(404).end();
      return true;
    }
    if (!file.chunked) {
      res.writeHead(200, { "content-type": file.contentType, "content-length": file.bytes.length }).end(file.bytes);
      return true;
    }
    res.writeHead(200, { "content-type": file.contentType });
    for (let at = 0; at < file.bytes.length; at += 64 * 1024) res.write(file.bytes.subarray(at, at + 64 * 1024));
    res.end();
    return true;
  }

  private callBack(message: SentMessage): void {
    const opts = this.callbacks;
    if (!opts || !message.statusCallback?.startsWith(opts.publicBaseUrl)) return;
    const url = message.statusCallback;
    for (const [status, afterMs] of opts.statuses) {
      const params = {
        MessageSid: message.sid,
        MessageStatus: status,
        AccountSid: message.accountSid,
        To: message.to,
        ...(message.from ? { From: message.from } : {}),
      };
      setTimeout(() => {
        const signed = signedRequest(this.auth.authToken, url, params);
        // like Twilio, one attempt per status: a server that is down misses it
        void fetch(opts.target() + url.slice(opts.publicBaseUrl.length), {
          method: "POST",
          headers: signed.headers,
          body: signed.body,
        }).catch(() => undefined);
      }, afterMs);
    }
  }

  /** POST /v1/Content: JSON with friendly_name, language and types, as Twilio's Content API takes it. */
  private createContent(raw: string, json: (status: number, body: object) => void) {
    const failure = this.contentFailures.shift();
    if (failure) return json(failure, { code: 20500, message: `stand-in answered ${failure}`, status: failure });
    let request: CreatedContent["request"];
    try {
      request = JSON.parse(raw) as CreatedContent["request"];
    } catch {
      return json(400, { code: 20001, message: "Invalid JSON", status: 400 });
    }
    if (!request.language || !request.types || Object.keys(request.types).length === 0)
      return json(400, { code: 20001, message: "language and types are required", status: 400 });
    const sid = `HX${randomBytes(16).toString("hex")}`;
    this.contents.push({ sid, request });
    json(201, { sid, account_sid: this.auth.accountSid, ...request, date_created: new Date().toISOString() });
  }

  /** resolves once `count` messages in all have been accepted */
  async waitForSent(count: number, timeoutMs = 15_000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent.length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} messages at the Twilio stand-in, got ${this.sent.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.sent.slice(0, count);
  }

  to(number: string): string[] {
    return this.sent.filter((m) => m.to === number || m.to === `whatsapp:${number}`).map((m) => m.body);
  }

  /**
   * GET Messages.json as Twilio lists them: newest first, filtered by To, From and DateSent (a GMT day; the
   * query keys "DateSent>" and "DateSent<" are Twilio's "on or after" and "on or before"), in pages of PageSize
   * (50 unless asked, at most 1000) linked by next_page_uri.
   */
  private list(pathname: string, query: URLSearchParams): object {
    this.listed.push(query.toString());
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    const to = query.get("To");
    const from = query.get("From");
    const on = query.get("DateSent");
    const onOrAfter = query.get("DateSent>");
    const onOrBefore = query.get("DateSent<");
    const matching = this.sent
      .filter(
        (m) =>
          (!to || m.to === to) &&
          (!from || m.from === from) &&
          (!on || day(m.at) === on) &&
          (!onOrAfter || day(m.at) >= onOrAfter) &&
          (!onOrBefore || day(m.at) <= onOrBefore),
      )
      .reverse();
    const size = Math.min(Math.max(Number(query.get("PageSize") ?? 50) || 50, 1), 1000);
    const page = Math.max(Number(query.get("Page") ?? 0) || 0, 0);
    const pageUri = (n: number) => {
      const q = new URLSearchParams(query);
      q.set("PageSize", String(size));
      q.set("Page", String(n));
      return `${pathname}?${q}`;
    };
    const date = (at: number) => new Date(at).toUTCString().replace("GMT", "+0000");
    return {
      messages: matching.slice(page * size, (page + 1) * size).map((m) => ({
        sid: m.sid,
        account_sid: m.accountSid,
        to: m.to,
        from: m.from ?? null,
        messaging_service_sid: m.messagingServiceSid ?? null,
        body: m.body,
        status: "sent",
        direction: "outbound-api",
        num_segments: "1",
        date_created: date(m.at),
        date_sent: date(m.at),
        date_updated: date(m.at),
      })),
      page,
      page_size: size,
      uri: pageUri(page),
      first_page_uri: pageUri(0),
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      next_page_uri: (page + 1) * size < matching.length ? pageUri(page + 1) : null,
    };
  }

  private handle(
    method: string,
    url: string,
    authorization: string,
    raw: string,
    res: import("node:http").ServerResponse,
  ) {
    const json = (status: number, body: object) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (this.serveMediaRequest(method, url, authorization, res)) return;
    const expected = `Basic ${Buffer.from(`${this.auth.accountSid}:${this.auth.authToken}`).toString("base64")}`;
    if (method === "POST" && url === "/v1/Content") {
      if (authorization !== expected) return json(401, { code: 20003, message: "Authenticate", status: 401 });
      return this.createContent(raw, json);
    }
    const [pathname = "", search = ""] = url.split("?");
    const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(pathname);
    if ((method !== "POST" && method !== "GET") || !m)
      return json(404, { code: 20404, message: "The requested resource was not found", status: 404 });
    if (authorization !== expected || m[1] !== this.auth.accountSid)
      return json(401, { code: 20003, message: "Authenticate", status: 401 });
    if (method === "GET") return json(200, this.list(pathname, new URLSearchParams(search)));
    const hangUp = this.hangUps.shift();
    if (hangUp === "before") return void res.destroy();
    const form = new URLSearchParams(raw);
    const to = form.get("To") ?? "";
    const failure =
      this.failures.shift() ??
      (Date.now() < this.outage.until
        ? this.outage.statuses[this.rejected.length % this.outage.statuses.length]
        : undefined);
    if (failure) {
      this.rejected.push({ status: failure, to });
      // a refusal reads as Twilio's own 21211, which quotes the number
      const message =
        failure === 429 || failure >= 500
          ? `stand-in answered ${failure}`
          : `The 'To' number ${to} is not a valid phone number.`;
      return json(failure, {
        code: failure === 429 ? 20429 : failure >= 500 ? 20500 : 21211,
        message,
        status: failure,
      });
    }
    const contentSid = form.get("ContentSid") ?? undefined;
    const content = this.contents.find((c) => c.sid === contentSid);
    const body = form.get("Body") ?? (contentSid ? (content?.request.types?.["twilio/text"]?.body ?? "") : null);
    if (!to || body === null || (!form.get("From") && !form.get("MessagingServiceSid"))) {
      return json(400, {
        code: 21604,
        message: "A 'To' phone number and a 'From' or MessagingServiceSid are required.",
        status: 400,
      });
    }
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const message: SentMessage = {
      accountSid: m[1]!,
      to,
      body,
      sid,
      contentSid,
      contentVariables: form.get("ContentVariables") ?? undefined,
      content,
      at: Date.now(),
      from: form.get("From") ?? undefined,
      messagingServiceSid: form.get("MessagingServiceSid") ?? undefined,
      statusCallback: form.get("StatusCallback") ?? undefined,
    };
    this.sent.push(message);
    this.callBack(message);
    for (const w of this.waiters.splice(0)) w();
    if (hangUp === "after") return void res.destroy();
    json(201, {
      sid,
      account_sid: m[1],
      to,
      from: form.get("From"),
      body,
      status: "queued",
      num_segments: "1",
      date_created: new Date().toUTCString(),
    });
  }
}
