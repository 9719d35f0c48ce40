import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { harnessForFile } from "../support/harness.ts";
import { inboundForm, newMessageSid } from "../support/twilio-signing.ts";

// Inputs that once made the webhook answer 500: the database refused what validation let through.
const h = harnessForFile();

let phone = 0;
const newPhone = () => `+3069100${String(++phone).padStart(5, "0")}`;
const prisma = () => h.server.db.prisma;

test("a NUL byte in the text is dropped, the message kept (PostgreSQL cannot store NUL)", async () => {
  const from = newPhone();
  const sid = newMessageSid();
  const res = await h.say(from, "I need\u0000 help", { sid });
  expect(res.status).toBe(200);
  expect((await prisma().message.findUniqueOrThrow({ where: { providerId: sid } })).body).toBe("I need help");
});

test("a NUL byte or a control character in an address gets 400, not 500", async () => {
  for (const from of ["+3069\u0000123", "+3069\u0007123"]) {
    const res = await h.post("/webhooks/twilio", inboundForm({ from, body: "hi" }));
    expect(res.status).toBe(400);
  }
});

test("addresses and ids too long for the database's indexes get 400, not 500", async () => {
  const long = randomBytes(2000).toString("hex"); // incompressible: an index row over PostgreSQL's ~2.7 kB
  expect((await h.post("/webhooks/twilio", inboundForm({ from: `+${long}`, body: "hi" }))).status).toBe(400);
  expect((await h.post("/webhooks/twilio", inboundForm({ from: newPhone(), to: `+${long}`, body: "hi" }))).status).toBe(
    400,
  );
  expect(
    (await h.post("/webhooks/twilio", inboundForm({ from: newPhone(), body: "hi", sid: `SM${long}` }))).status,
  ).toBe(400);
});

test("a media entry that is not a web address gets 400, not 500 (a NUL in JSON is refused too)", async () => {
  const extra = { NumMedia: "1", MediaUrl0: "https://api.twilio.com/x\u0000y", MediaContentType0: "image/jpeg" };
  expect((await h.post("/webhooks/twilio", inboundForm({ from: newPhone(), body: "", extra }))).status).toBe(400);
  const notUrl = { NumMedia: "1", MediaUrl0: "javascript:alert(1)", MediaContentType0: "image/jpeg" };
  expect((await h.post("/webhooks/twilio", inboundForm({ from: newPhone(), body: "", extra: notUrl }))).status).toBe(
    400,
  );
});

test("a status callback whose ref is beyond our ids gets 400, not 500", async () => {
  const res = await h.post("/webhooks/twilio/status?ref=99999999999999", {
    MessageSid: newMessageSid(),
    MessageStatus: "delivered",
  });
  expect(res.status).toBe(400);
});

test("a body that does not inflate gets 400 with a code saying so", async () => {
  const res = await fetch(`${h.server.url}/webhooks/twilio`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-encoding": "gzip",
      "x-twilio-signature": "x",
    },
    body: "not gzip",
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ error: "http_400" });
  const bomb = gzipSync(Buffer.alloc(1_000_000, "a"));
  const big = await fetch(`${h.server.url}/webhooks/twilio`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-encoding": "gzip",
      "x-twilio-signature": "x",
    },
    body: bomb,
  });
  expect(big.status).toBe(413);
});

test("signed forms with any values never get a 5xx", async () => {
  const value = fc.oneof(
    fc.string({ unit: "binary", maxLength: 100 }),
    fc.string({ unit: "grapheme", maxLength: 100 }),
    fc.stringMatching(/^SM[0-9a-z]{10,3000}$/),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.record(
        { From: value, To: value, MessageSid: value, Body: value, NumMedia: value, MediaUrl0: value },
        { requiredKeys: [] },
      ),
      async (fields) => {
        const res = await h.post("/webhooks/twilio", { ...inboundForm({ from: newPhone(), body: "" }), ...fields });
        expect(res.status).toBeLessThan(500);
      },
    ),
    { numRuns: 150 },
  );
}, 60_000);

test("a body that is not a form gets 415 saying what Twilio sends, not 403", async () => {
  for (const type of ["application/json", "text/plain"]) {
    const res = await fetch(`${h.server.url}/webhooks/twilio`, {
      method: "POST",
      headers: { "content-type": type, "x-twilio-signature": "x" },
      body: "{}",
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: "unsupported_media_type" });
  }
});

test("the API's and the webhooks' answers carry the security headers too, errors included", async () => {
  const answers = [
    await h.say(newPhone(), "hello"),
    await h.post("/webhooks/twilio", inboundForm({ from: newPhone(), body: "hi" }), { signature: "forged" }),
    await fetch(`${h.server.url}/api/cases`, { method: "POST" }),
    await fetch(`${h.server.url}/healthz`),
  ];
  for (const res of answers) {
    expect([
      res.status,
      res.headers.get("content-security-policy"),
      res.headers.get("x-content-type-options"),
      res.headers.get("referrer-policy"),
      res.headers.get("cache-control"),
    ]).toEqual([
      res.status,
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
      "nosniff",
      "same-origin",
      "no-store",
    ]);
  }
});

test("the webhooks take only POST: another method gets 405 naming it, with the security headers", async () => {
  for (const path of ["/webhooks/twilio", "/webhooks/twilio/status"]) {
    const res = await fetch(`${h.server.url}${path}`);
    expect([res.status, res.headers.get("allow"), res.headers.get("x-content-type-options")]).toEqual([
      405,
      "POST",
      "nosniff",
    ]);
    expect(await res.json()).toMatchObject({ error: "method_not_allowed" });
  }
  // a path beside them is the app's, as before
  expect((await fetch(`${h.server.url}/webhooks/twilio/other`, { method: "POST" })).status).toBe(404);
});

test("a webhook URL set with a trailing slash or in capitals (Express matched them so) still takes messages", async () => {
  for (const path of ["/webhooks/twilio/", "/Webhooks/Twilio"]) {
    const sid = newMessageSid();
    const res = await h.post(path, inboundForm({ from: newPhone(), body: "hi", sid }));
    expect(res.status).toBe(200);
    expect(await prisma().message.count({ where: { providerId: sid } })).toBe(1);
  }
});
