import type { AddressInfo } from "node:net";
import express from "express";
import { Registry } from "prom-client";
import { operationsRoutes } from "../../src/http/operations.ts";
import { createLogger } from "../../src/logger.ts";
import { eventually } from "../support/eventually.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// What an operator's tools read: liveness, readiness and Prometheus metrics counted from real turns and sends.
const TOKEN = "metrics-token-0123456789abcdef";
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const scrape = (headers: Record<string, string> = {}) => fetch(`${h.server.url}/metrics`, { headers });

/** a sample's value in Prometheus' text format, e.g. value(text, 'haven_turns_total{result="ok"}') */
const value = (text: string, sample: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
};

test("liveness and readiness answer; /healthz stays as readiness", async () => {
  for (const path of ["/livez", "/readyz", "/healthz"]) {
    const res = await fetch(`${h.server.url}${path}`);
    expect([path, res.status, await res.json()]).toEqual([path, 200, { status: "ok" }]);
  }
});

test("metrics count a person's turns and the replies sent, and read the backlogs from the database", async () => {
  expect(value(await (await scrape()).text(), 'haven_turns_total{result="ok"}')).toBeUndefined();
  expect((await h.say("+447700900301", "hello")).status).toBe(200);
  await h.twilio.waitForSent(1);
  const res = await scrape();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  // Twilio has the reply a moment before the outbox records it as sent
  const text = await eventually(async () => {
    const now = await (await scrape()).text();
    if (value(now, "haven_outbox_depth") !== 0) throw new Error("the reply is not recorded as sent yet");
    return now;
  });
  expect(value(text, 'haven_turns_total{result="ok"}')).toBe(1);
  expect(value(text, 'haven_sends_total{result="sent",code=""}')).toBe(1);
  expect(value(text, "haven_turn_wait_seconds_count")).toBe(1);
  expect(value(text, "haven_reply_wait_seconds_count")).toBe(1);
  expect(value(text, "haven_outbox_depth")).toBe(0);
  expect(value(text, "haven_messages_waiting")).toBe(0);
  expect(value(text, 'haven_handoffs_waiting{urgency="urgent"}')).toBe(0);
  expect(value(text, "haven_process_resident_memory_bytes")).toBeGreaterThan(0);
  // a turn figure, never a person's words or number
  expect(text).not.toMatch(/hello|447700900301/);
});

test("a person asking for help shows as a handoff waiting", async () => {
  await h.say("+447700900302", "HELP");
  await h.twilio.waitForSent(2);
  const text = await (await scrape()).text();
  const waiting =
    (value(text, 'haven_handoffs_waiting{urgency="urgent"}') ?? 0) +
    (value(text, 'haven_handoffs_waiting{urgency="normal"}') ?? 0);
  expect(waiting).toBe(1);
});

test("without METRICS_TOKEN only this machine reads /metrics: a request relayed by a proxy is refused", async () => {
  expect((await scrape({ "x-forwarded-for": "203.0.113.9" })).status).toBe(403);
});

test("with METRICS_TOKEN a scraper must send it as a bearer token", async () => {
  const withToken = await startHarness({ METRICS_TOKEN: TOKEN });
  try {
    const get = (auth?: string) =>
      fetch(`${withToken.server.url}/metrics`, { headers: auth ? { authorization: auth } : {} });
    expect((await get()).status).toBe(403);
    expect((await get(`Bearer ${TOKEN.slice(0, -1)}x`)).status).toBe(403);
    expect((await get(`Bearer ${TOKEN}`)).status).toBe(200);
  } finally {
    await withToken.close();
  }
}, 60_000);

test("once shutdown begins readiness says no (a load balancer sends new work elsewhere) while liveness holds", async () => {
  let accepting = true;
  const app = express().use(
    operationsRoutes({
      log: createLogger("silent"),
      checkDatabase: async () => {},
      accepting: () => accepting,
      metrics: new Registry(),
      metricsToken: undefined,
    }),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    accepting = false;
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    expect((await fetch(`${url}/livez`)).status).toBe(200);
  } finally {
    server.close();
  }
});
