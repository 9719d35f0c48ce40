import { hear, playLive, say } from "../support/live-transcript.ts";
import { inboundForm, newMessageSid } from "../support/twilio-signing.ts";
import { AUTH_TOKEN, type Harness, PUBLIC_BASE_URL, startHarness } from "../support/harness.ts";
import { eventually } from "../support/eventually.ts";
import { capturedLog } from "../support/faults.ts";

let h: Harness;
const captured = capturedLog();
beforeAll(async () => {
  h = await startHarness({}, { log: captured.log });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const prisma = () => h.server.db.prisma;
let phone = 100;
const newPhone = () => `+3069000${String(++phone).padStart(5, "0")}`;
/** waits until every accepted message has been answered (the processor runs after the 200) */
async function settled(): Promise<void> {
  await h.server.processor.idle();
}
/** waits until no reply waits to be sent: an error staged with failNext then falls on the next test's reply */
const outboxIdle = () =>
  eventually(async () => {
    const waiting = await prisma().outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    if (waiting > 0) throw new Error(`${waiting} replies still to send`);
  }, 20_000);

test("an SMS gets its reply through the Twilio REST API, from the number the person wrote to", async () => {
  const from = newPhone();
  const res = await h.say(from, "hi");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/xml/);
  expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  await settled();
  const [reply] = await waitFor(from, 1);
  expect(reply).toMatch(/^(Choose your language|Language) \/ /);
  const sent = h.twilio.sent.find((m) => m.to === from)!;
  expect(sent.from).toBe("+15005550006");
  const outbox = await sentRow(from);
  expect(sent.statusCallback).toBe(`${PUBLIC_BASE_URL}/webhooks/twilio/status?ref=${outbox.id}`);
  expect(outbox).toMatchObject({ status: "sent", providerSid: sent.sid, deliveryStatus: "queued", body: "" });
});

test("WhatsApp works the same, with whatsapp: addresses kept apart from SMS", async () => {
  const from = newPhone();
  await h.say(from, "مرحبا، أحتاج إلى مساعدة في أوراقي", { channel: "whatsapp" });
  await settled();
  const [reply] = await waitFor(from, 1);
  expect(reply).toMatch(/سنكتب لك بالعربية/);
  expect(h.twilio.sent.find((m) => m.to === `whatsapp:${from}`)?.from).toBe("whatsapp:+15005550006");
  await h.say(from, "١", { channel: "whatsapp" });
  await settled();
  // the welcome goes on: the intro, the privacy notice, then whether we may write first
  const replies = await waitFor(from, 4);
  expect(replies[1]).toMatch(/^أهلاً بك/);
  expect(replies[2]).toMatch(/^الخصوصية: /);
  expect(replies[3]).toMatch(/^هل يمكننا مراسلتك أولاً/);
  const contact = await prisma().contact.findFirstOrThrow({ where: { address: from } });
  expect(contact).toMatchObject({ channel: "whatsapp", language: "ar" });
});

test("a forged or unsigned webhook is refused with 403 and nothing is stored", async () => {
  const from = newPhone();
  const forged = await h.post("/webhooks/twilio", inboundForm({ from, body: "hi" }), {
    token: "someone-elses-token-0000",
  });
  expect(forged.status).toBe(403);
  const unsigned = await h.post("/webhooks/twilio", inboundForm({ from, body: "hi" }), { signature: "" });
  expect(unsigned.status).toBe(403);
  // signed for another URL: a replayed request from elsewhere
  const params = inboundForm({ from, body: "hi" });
  const elsewhere = await fetch(`${h.server.url}/webhooks/twilio`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": (await import("twilio")).default.getExpectedTwilioSignature(
        AUTH_TOKEN,
        "https://evil.example.com/webhooks/twilio",
        params,
      ),
    },
    body: new URLSearchParams(params).toString(),
  });
  expect(elsewhere.status).toBe(403);
  expect(await prisma().contact.count({ where: { address: from } })).toBe(0);
});

test("a malformed webhook gets 400 with the reason, and nothing is stored", async () => {
  const from = newPhone();
  const { From: _dropped, ...noFrom } = inboundForm({ from, body: "hi" });
  const res = await h.post("/webhooks/twilio", noFrom);
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ error: "malformed", message: expect.stringContaining("From") });
  const badSid = await h.post("/webhooks/twilio", inboundForm({ from, body: "hi", sid: "not-a-sid" }));
  expect(badSid.status).toBe(400);
  const mixed = await h.post("/webhooks/twilio", { ...inboundForm({ from, body: "hi" }), To: "whatsapp:+15005550006" });
  expect(mixed.status).toBe(400);
  expect(await prisma().contact.count({ where: { address: from } })).toBe(0);
});

test("a body over the size limit gets 413", async () => {
  const res = await h.post("/webhooks/twilio", inboundForm({ from: newPhone(), body: "x".repeat(100_000) }));
  expect(res.status).toBe(413);
});

test("'STOP ✋️' (an emoji with its variation selector, as phone keyboards send it) opts the person out", async () => {
  const from = newPhone();
  for (const body of ["hi", "1", "STOP ✋️"]) {
    expect((await h.say(from, body, { channel: "whatsapp" })).status).toBe(200);
    await settled();
  }
  const contact = await prisma().contact.findFirstOrThrow({ where: { address: from } });
  const last = await prisma().message.findFirstOrThrow({
    where: { contactId: contact.id, direction: "out" },
    orderBy: { id: "desc" },
  });
  expect({ optedOut: contact.optedOut, lastReply: last.body.split("\n")[0] }).toEqual({
    optedOut: true,
    lastReply: expect.stringMatching(/You will not get more messages/),
  });
});

test("Twilio retrying the same MessageSid gets 200 and is answered once", async () => {
  const from = newPhone();
  const sid = newMessageSid();
  const responses = await Promise.all([1, 2, 3].map(() => h.say(from, "hi", { sid })));
  expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
  await settled();
  await waitFor(from, 1);
  await new Promise((r) => setTimeout(r, 300));
  expect(h.twilio.to(from)).toHaveLength(1);
  expect(await prisma().message.count({ where: { providerId: sid } })).toBe(1);
});

test("delivery reports are recorded and never move a message backwards", async () => {
  const from = newPhone();
  await h.say(from, "hi");
  await settled();
  await waitFor(from, 1);
  const row = await sentRow(from);
  const report = (status: string, extra: Record<string, string> = {}) =>
    h.post(`/webhooks/twilio/status?ref=${row.id}`, {
      MessageSid: row.providerSid!,
      MessageStatus: status,
      AccountSid: `AC${"1".repeat(32)}`,
      ...extra,
    });
  expect((await report("delivered")).status).toBe(200);
  expect((await report("sent")).status).toBe(200); // late, out of order
  expect((await prisma().outbox.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus).toBe("delivered");
  await report("read");
  expect((await prisma().outbox.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus).toBe("read");
  expect((await report("exploded")).status).toBe(400);
  const forged = await h.post(
    `/webhooks/twilio/status?ref=${row.id}`,
    { MessageSid: row.providerSid!, MessageStatus: "failed" },
    { token: "x".repeat(20) },
  );
  expect(forged.status).toBe(403);
});

test("every status Twilio documents for a sent message is accepted, in its place in the order", async () => {
  const sentTo = async (from: string) => {
    await h.say(from, "hi");
    await settled();
    await waitFor(from, 1);
    return sentRow(from);
  };
  const [row, other] = [await sentTo(newPhone()), await sentTo(newPhone())];
  const statusAfter = async (r: typeof row, status: string) => {
    const res = await h.post(`/webhooks/twilio/status?ref=${r.id}`, {
      MessageSid: r.providerSid!,
      MessageStatus: status,
    });
    return [res.status, (await prisma().outbox.findUniqueOrThrow({ where: { id: r.id } })).deliveryStatus];
  };
  expect(await statusAfter(row, "partially_delivered")).toEqual([200, "partially_delivered"]);
  expect(await statusAfter(row, "sent")).toEqual([200, "partially_delivered"]);
  expect(await statusAfter(row, "delivered")).toEqual([200, "delivered"]);
  expect(await statusAfter(row, "partially_delivered")).toEqual([200, "delivered"]);
  expect(await statusAfter(row, "read")).toEqual([200, "read"]);
  expect(await statusAfter(other, "scheduled")).toEqual([200, "queued"]); // comes before queued, Twilio's first status here
  expect(await statusAfter(other, "canceled")).toEqual([200, "canceled"]);
  expect(await statusAfter(other, "delivered")).toEqual([200, "canceled"]);
});

test("failed delivery keeps Twilio's error code", async () => {
  const from = newPhone();
  await h.say(from, "hi");
  await settled();
  await waitFor(from, 1);
  const row = await sentRow(from);
  await h.post(`/webhooks/twilio/status?ref=${row.id}`, {
    MessageSid: row.providerSid!,
    MessageStatus: "undelivered",
    ErrorCode: "30003",
  });
  expect(await prisma().outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
    deliveryStatus: "undelivered",
    errorCode: "30003",
  });
});

test("429 and 500 from Twilio are retried with backoff; replies still leave in order", async () => {
  const from = newPhone();
  await outboxIdle();
  h.twilio.failNext(429, 500);
  await h.say(from, "hi");
  await settled();
  await h.say(from, "2");
  await settled();
  const replies = await waitFor(from, 4, 20_000);
  expect(replies[0]).toMatch(/^(Choose your language|Language) \/ /);
  expect(replies[1]).toMatch(/سنكتب لك بالعربية/);
  expect(h.twilio.rejected.filter((r) => r.to === from).map((r) => r.status)).toEqual([429, 500]);
  const first = await prisma().outbox.findFirstOrThrow({ where: { toAddress: from }, orderBy: { id: "asc" } });
  expect(first.attempts).toBe(3);
});

test("a permanent error (400) marks the reply failed without retrying", async () => {
  const from = newPhone();
  await outboxIdle();
  h.twilio.failNext(400);
  await h.say(from, "hi");
  await settled();
  const row = await eventually(() =>
    prisma().outbox.findFirstOrThrow({ where: { toAddress: from, status: "failed" } }),
  );
  expect(row).toMatchObject({ errorCode: "21211", attempts: 1 });
  // Twilio's reason quotes the number: the log says why without it
  const logged = captured.logs.find((l) => l.msg === "send failed for good" && l.outboxId === row.id);
  expect(logged).toMatchObject({ code: "21211", reason: "The 'To' number [number] is not a valid phone number." });
});

test("a send cut off by a crash or without a clear answer: sent again, unless Twilio's callback already named it", async () => {
  const named = newPhone();
  const retried = newPhone();
  const silent = newPhone();
  for (const p of [named, retried, silent]) {
    await h.say(p, "hi");
    await settled();
    await sentRow(p);
  }
  const before = h.twilio.sent.length;
  const expired = new Date(Date.now() - 1_000);
  // as if the sender died after Twilio took the message: still "sending", its lease run out
  const namedRow = await sentRow(named);
  await prisma().outbox.update({
    where: { id: namedRow.id },
    data: { status: "sending", lockedUntil: expired, body: "again?" },
  });
  // as if the connection broke before Twilio's answer: a retry is waiting when Twilio's callback names it
  const retriedRow = await sentRow(retried);
  const retryAt = new Date(Date.now() + 1_000);
  await prisma().outbox.update({
    where: { id: retriedRow.id },
    data: { status: "pending", nextAttemptAt: retryAt, body: "again?", providerSid: null, deliveryStatus: null },
  });
  expect(
    (
      await h.post(`/webhooks/twilio/status?ref=${retriedRow.id}`, {
        MessageSid: retriedRow.providerSid!,
        MessageStatus: "sent",
      })
    ).status,
  ).toBe(200);
  expect(await prisma().outbox.findUniqueOrThrow({ where: { id: retriedRow.id } })).toMatchObject({
    status: "sent",
    body: "",
  });
  const silentRow = await sentRow(silent);
  await prisma().outbox.update({
    where: { id: silentRow.id },
    data: { status: "sending", lockedUntil: expired, body: "again", providerSid: null },
  });
  await waitFor(silent, 2);
  // past the retry's time and a few outbox polls: a retry still waiting would have gone by now
  await new Promise((r) => setTimeout(r, Math.max(0, retryAt.getTime() - Date.now()) + 500));
  expect(h.twilio.sent.length).toBe(before + 1);
  for (const [phone, row] of [
    [named, namedRow],
    [retried, retriedRow],
  ] as const) {
    expect(h.twilio.to(phone)).toHaveLength(1);
    expect(await prisma().outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "sent",
      body: "",
    });
  }
});

test("a restart mid-conversation resumes where the person was", async () => {
  const from = newPhone();
  await h.say(from, "hello");
  await settled();
  await waitFor(from, 1); // language list
  await h.restart();
  await h.say(from, "3");
  await settled();
  const replies = await waitFor(from, 5);
  expect(replies.slice(1)).toEqual([
    "Merci. Nous vous écrirons en français.",
    expect.stringMatching(/^Bienvenue/),
    expect.stringMatching(/^Confidentialité : /),
    expect.stringMatching(/^Pouvons-nous vous écrire en premier/),
  ]);
}, 60_000);

test("health check answers", async () => {
  const res = await fetch(`${h.server.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

/** the stand-in has a message a moment before the worker records Twilio's answer */
const sentRow = (to: string) =>
  eventually(() => prisma().outbox.findFirstOrThrow({ where: { toAddress: to, status: "sent" } }));

function waitFor(to: string, count: number, timeoutMs = 10_000): Promise<string[]> {
  return eventually(async () => {
    const got = h.twilio.to(to);
    if (got.length < count) throw new Error(`expected ${count} replies to ${to}, got: ${JSON.stringify(got)}`);
    return got;
  }, timeoutMs);
}

test("a whole conversation plays live: a person with a known language goes straight to the menu", async () => {
  await playLive(h, { lang: "fr", channel: "sms" }, [
    say("menu"),
    // on SMS the menu's shorter heading keeps its six options within 3 segments
    hear(/^Comment vous aider \?\n1\. /),
    say("3"),
    hear(/De quelle aide avez-vous besoin/),
  ]);
});
