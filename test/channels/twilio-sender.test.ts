import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { OutboundMessage } from "../../src/channels/message.ts";
import { twilioSender, type TwilioSenderOptions } from "../../src/channels/twilio/sender.ts";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/harness.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";

const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  channel: "whatsapp",
  to: "+306900000001",
  from: "+15005550006",
  text: "Hello 👋 مرحبا",
  reference: "42",
  ...over,
});
const statusCallback = (ref: string) => `https://helpline.example.org/webhooks/twilio/status?ref=${ref}`;
const senderAt = (apiUrl: string, more: Partial<TwilioSenderOptions> = {}) =>
  twilioSender({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl, connections: 8, statusCallback, ...more });

let twilio: TwilioStandIn;
/** answers whatever `answer` says: what Twilio itself never sends, but a proxy or an outage might */
let broken: Server;
let answer: (res: import("node:http").ServerResponse) => void;
let brokenUrl: string;

beforeAll(async () => {
  twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  broken = createServer((req, res) => {
    req.resume();
    req.on("end", () => answer(res));
  });
  await new Promise<void>((r) => broken.listen(0, "127.0.0.1", r));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await twilio.stop();
  broken.closeAllConnections();
  await new Promise((r) => broken.close(r));
});

test("posts the form Twilio expects, with Basic auth, and returns the message SID", async () => {
  const sender = senderAt(twilio.url);
  const result = await sender.send(message());
  expect(result).toMatchObject({ ok: true, status: "queued" });
  const sent = twilio.sent.at(-1)!;
  expect(result).toMatchObject({ providerId: sent.sid });
  expect(sent).toMatchObject({
    to: "whatsapp:+306900000001",
    from: "whatsapp:+15005550006",
    body: "Hello 👋 مرحبا",
    statusCallback: statusCallback("42"),
  });
});

test("at most `connections` requests go to Twilio at once: the others wait for a connection, then go", async () => {
  const slow = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
  slow.answerAfter(100);
  try {
    const sender = senderAt(slow.url, { connections: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sender.send(message({ to: `+30690000${String(i).padStart(4, "0")}` }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(slow.sent).toHaveLength(20);
    expect(slow.mostAtOnce).toBe(5);
  } finally {
    await slow.stop();
  }
});

test("a template goes as ContentSid, and a messaging service replaces From", async () => {
  const sender = senderAt(`${twilio.url}/`, { messagingServiceSid: "MG0123" });
  expect(await sender.send(message({ channel: "sms", contentSid: "HX99" }))).toMatchObject({ ok: true });
  expect(twilio.sent.at(-1)).toMatchObject({
    to: "+306900000001",
    messagingServiceSid: "MG0123",
    contentSid: "HX99",
    body: "",
  });
  expect(twilio.sent.at(-1)?.from).toBeUndefined();
});

test("429 and 5xx are worth retrying, a refusal (4xx) is not; Twilio's own code and message are kept", async () => {
  const sender = senderAt(twilio.url);
  twilio.failNext(429, 503, 400);
  expect(await sender.send(message())).toEqual({
    ok: false,
    retryable: true,
    code: "20429",
    reason: "stand-in answered 429",
  });
  expect(await sender.send(message())).toEqual({
    ok: false,
    retryable: true,
    code: "20500",
    reason: "stand-in answered 503",
  });
  expect(await sender.send(message())).toEqual({
    ok: false,
    retryable: false,
    code: "21211",
    reason: "The 'To' number whatsapp:+306900000001 is not a valid phone number.",
  });
  const wrongToken = senderAt(twilio.url, { authToken: "not-the-token-0000000000" });
  expect(await wrongToken.send(message())).toMatchObject({ ok: false, retryable: false, code: "20003" });
});

test("no connection, a connection cut before the answer, or an error page without JSON: retried later, with the reason", async () => {
  expect(await senderAt("http://127.0.0.1:1").send(message())).toMatchObject({
    ok: false,
    retryable: true,
    code: "network",
    reason: expect.stringContaining("ECONNREFUSED"),
  });

  const sender = senderAt(brokenUrl);
  answer = (res) => res.socket?.destroy();
  expect(await sender.send(message())).toMatchObject({ ok: false, retryable: true, code: "network" });
  answer = (res) => res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
  expect(await sender.send(message())).toEqual({ ok: false, retryable: true, code: "502", reason: "HTTP 502" });
});

test("a 2xx without a readable message SID is not sent again (Twilio has taken it), also when the connection breaks mid-answer", async () => {
  const sender = senderAt(brokenUrl);
  answer = (res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>captive portal</html>");
  expect(await sender.send(message())).toEqual({
    ok: false,
    retryable: false,
    code: "200",
    reason: "unexpected answer from Twilio: <html>captive portal</html>",
  });
  answer = (res) => {
    res.writeHead(201, { "content-type": "application/json", "content-length": "100" }).write('{"sid":"SM');
    setTimeout(() => res.socket?.destroy(), 20);
  };
  expect(await sender.send(message())).toEqual({
    ok: false,
    retryable: false,
    code: "201",
    reason: 'unexpected answer from Twilio: {"sid":"SM',
  });
});

test("an answer over 1 MB is cut off: after a 2xx not sent again, after a 5xx retried", async () => {
  const sender = senderAt(brokenUrl);
  const huge = (status: number) => (res: import("node:http").ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.write('{"sid":"SM');
    res.end("x".repeat(2 << 20));
  };
  answer = huge(201);
  expect(await sender.send(message())).toMatchObject({
    ok: false,
    retryable: false,
    code: "201",
    reason: expect.stringMatching(/^unexpected answer from Twilio: \{"sid":"SMx+$/),
  });
  answer = huge(503);
  expect(await sender.send(message())).toMatchObject({
    ok: false,
    retryable: true,
    code: "network",
    reason: "response over 1048576 bytes",
  });
});

test("a kept-alive connection the server closed while idle is not used again: the next send opens a new one", async () => {
  const sender = senderAt(brokenUrl);
  const sid = (n: number) => `SM${String(n).padStart(32, "0")}`;
  let n = 0;
  answer = (res) =>
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: sid(++n), status: "queued" }));
  expect(await sender.send(message())).toEqual({ ok: true, providerId: sid(1), status: "queued" });
  // what Twilio's edge does to a connection idle for long: closed from its side between two sends
  broken.closeIdleConnections();
  await new Promise((r) => setTimeout(r, 50));
  expect(await sender.send(message())).toEqual({ ok: true, providerId: sid(2), status: "queued" });
});

test("a send cut off after the request left may have reached Twilio; a refused connection cannot have", async () => {
  twilio.hangUpNext(1, "before");
  expect(await senderAt(twilio.url).send(message())).toMatchObject({ ok: false, code: "network", maybeSent: true });
  expect(await senderAt("http://127.0.0.1:1").send(message())).toMatchObject({ code: "network", maybeSent: false });
});

test("lookUp reads every page of Twilio's list and keeps our outbound messages with the same text since then", async () => {
  const to = "+306900000777";
  const sender = senderAt(twilio.url);
  const since = new Date();
  const sent: string[] = [];
  for (const text of ["one", "two", "one", "one"]) {
    const r = await sender.send(message({ channel: "sms", to, text }));
    if (r.ok) sent.push(r.providerId);
  }
  // pages of 100: 150 other messages to the same person make the matches span two pages
  for (let i = 0; i < 150; i++) await sender.send(message({ channel: "sms", to, text: `other ${i}` }));
  const listedBefore = twilio.listed.length;
  expect(await sender.lookUp!(message({ channel: "sms", to, text: "one" }), since)).toEqual({
    ok: true,
    matches: [sent[0], sent[2], sent[3]].map((providerId) => ({ providerId, status: "sent" })),
  });
  expect(twilio.listed.length - listedBefore).toBe(2);
  // a minute and more before the first: none of them
  const later = new Date(Date.now() + 120_000);
  expect(await sender.lookUp!(message({ channel: "sms", to, text: "one" }), later)).toEqual({ ok: true, matches: [] });
  // sent as a template, whose text at Twilio is Twilio's to write: any outbound message from us then matches
  const asTemplate = await senderAt(twilio.url).lookUp!(message({ to: "+306900000778", contentSid: "HX1" }), since);
  expect(asTemplate).toEqual({ ok: true, matches: [] });
  await sender.send(message({ to: "+306900000778", contentSid: "HX1" }));
  expect(await sender.lookUp!(message({ to: "+306900000778", contentSid: "HX1" }), since)).toMatchObject({
    ok: true,
    matches: [{ status: "sent" }],
  });
  // a question that may go as buttons, here as its numbered text (the Content API failed): any outbound message too
  const store = new Map<string, string>();
  const contents = {
    find: async (key: string) => store.get(key),
    save: async (key: string, sid: string) => {
      store.set(key, sid);
    },
  };
  const withButtons = senderAt(twilio.url, { contents });
  const menu = { choices: [{ label: "Yes", payload: "f/q/1/1" }], language: "en", rtl: false, open: "Choose" };
  const question = message({
    to: "+306900000779",
    text: "Pick one:\n1. Yes",
    interactive: { text: "Pick one:", menu },
  });
  twilio.failContentNext(500);
  expect(await withButtons.send(question)).toMatchObject({ ok: true });
  expect(twilio.to("+306900000779")).toEqual([question.text]);
  expect(await withButtons.lookUp!({ ...question, text: "another text" }, since)).toMatchObject({
    matches: [{ status: "sent" }],
  });
  expect(await sender.lookUp!({ ...question, text: "another text" }, since)).toEqual({ ok: true, matches: [] });
  // through a Messaging Service, Twilio picks the number: the service is what must match
  const viaService = senderAt(twilio.url, { messagingServiceSid: `MG${"0".repeat(32)}` });
  expect(await viaService.lookUp!(message({ channel: "sms", to, text: "one" }), since)).toEqual({
    ok: true,
    matches: [],
  });
});

test("lookUp says why when Twilio's list cannot be read", async () => {
  expect(await senderAt(twilio.url, { authToken: "wrong" }).lookUp!(message(), new Date())).toMatchObject({
    ok: false,
    code: "401",
  });
  answer = (res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
  expect(await senderAt(brokenUrl).lookUp!(message(), new Date())).toMatchObject({ ok: false, code: "lookup" });
});
