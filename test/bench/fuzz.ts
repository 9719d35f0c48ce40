// npm run fuzz [-- --count 10000 --seed 42]
// Generated webhook bodies against the real server in its own process: random fields, huge bodies,
// wrong encodings and content types, invalid UTF-8, emoji, long texts, bad signatures. Passes when no
// answer is a 5xx, the server is still up, bodies over the limit get 413 and every refusal is logged
// with its reason. DATABASE_URL set: on a fresh PostgreSQL database, else PGlite in a temp folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { testDatabase } from "../support/database.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL } from "../support/harness.ts";
import { spawnServer } from "../support/server-process.ts";
import { inboundForm, signedRequest } from "../support/twilio-signing.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";

const { values: args } = parseArgs({
  options: { count: { type: "string", default: "10000" }, seed: { type: "string" } },
});
const COUNT = Number(args.count);
const SEED = args.seed === undefined ? Date.now() % 1_000_000 : Number(args.seed);
const LIMIT_BYTES = 64 * 1024;

interface Case {
  kind: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }), // any code point, lone surrogates included
  fc.string({ unit: "grapheme", maxLength: 200 }), // emoji and combined characters
  fc.string({ unit: "grapheme-ascii", minLength: 4990, maxLength: 5010 }),
  fc.constantFrom("", "1", "menu", "STOP", "مرحبا", "👋🏽", "\u0000", "a\u0000b", "%00", "\r\n", "\u202e"),
);
const twilioish = fc.record(
  {
    From: fc.oneof(fc.constant("+306912345678"), fc.constant("whatsapp:+306912345678"), text),
    To: fc.oneof(fc.constant("+15005550006"), fc.constant("whatsapp:+15005550006"), text),
    MessageSid: fc.oneof(fc.stringMatching(/^SM[0-9a-f]{32}$/), text, fc.stringMatching(/^SM[0-9a-z]{100,3000}$/)),
    Body: text,
    NumMedia: fc.oneof(fc.constantFrom("0", "1", "11", "-1", "1e3", "x"), text),
    MediaUrl0: fc.oneof(fc.webUrl(), text),
    MediaContentType0: fc.oneof(fc.constant("image/jpeg"), text),
  },
  { requiredKeys: [] },
);
const extra = fc.dictionary(fc.string({ unit: "binary", maxLength: 30 }), text, { maxKeys: 20 });

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const URLENCODED = "application/x-www-form-urlencoded";

/** A correctly signed Twilio form, with random values where a broken sender might put them. */
const signed = fc.tuple(twilioish, extra, fc.boolean()).map(([fields, more, realistic]): Case => {
  const params = {
    ...more,
    ...(realistic ? inboundForm({ from: `+3069${Math.floor(Math.random() * 1e8)}`, body: "" }) : {}),
    ...fields,
  };
  const req = signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, params);
  return { kind: "signed", path: "/webhooks/twilio", headers: req.headers, body: req.body };
});
const badSignature = fc.tuple(twilioish, fc.oneof(fc.constant(""), fc.base64String(), text)).map(
  ([fields, signature]): Case => ({
    kind: "bad signature",
    path: "/webhooks/twilio",
    body: form(fields),
    headers: {
      "content-type": URLENCODED,
      ...(signature ? { "x-twilio-signature": encodeURIComponent(signature) } : {}),
    },
  }),
);
const huge = fc.integer({ min: LIMIT_BYTES + 1, max: 3 * LIMIT_BYTES }).map(
  (size): Case => ({
    kind: "huge",
    path: "/webhooks/twilio",
    headers: { "content-type": URLENCODED, "x-twilio-signature": "x" },
    body: `Body=${"x".repeat(size)}`,
  }),
);
const rawBytes = fc.uint8Array({ maxLength: 2000 }).map(
  (bytes): Case => ({
    kind: "invalid utf-8",
    path: "/webhooks/twilio",
    headers: { "content-type": URLENCODED, "x-twilio-signature": "x" },
    body: bytes,
  }),
);
const wrongType = fc
  .tuple(
    fc.constantFrom(
      "application/json",
      "text/plain",
      "multipart/form-data; boundary=x",
      "application/xml",
      "",
      "%%%",
      `${URLENCODED}; charset=klingon`,
      `${URLENCODED}; charset=latin1`,
      `${URLENCODED}; charset=utf-16`,
    ),
    twilioish,
  )
  .map(
    ([type, fields]): Case => ({
      kind: "content type",
      path: "/webhooks/twilio",
      body: type.includes("json") ? JSON.stringify(fields) : form(fields),
      headers: { ...(type ? { "content-type": type } : {}), "x-twilio-signature": "x" },
    }),
  );
const encoded = fc
  .tuple(fc.constantFrom("gzip", "deflate", "br", "identity", "klingon"), fc.boolean(), twilioish)
  .map(([encoding, valid, fields]): Case => {
    const params = { ...inboundForm({ from: "+306900000001", body: "hi" }), ...fields };
    const req = signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, params);
    return {
      kind: "content encoding",
      path: "/webhooks/twilio",
      headers: { ...req.headers, "content-encoding": encoding },
      body: valid && encoding === "gzip" ? gzipSync(req.body) : req.body,
    };
  });
const status = fc
  .tuple(
    fc.oneof(fc.stringMatching(/^\d{1,12}$/), text),
    fc.record(
      {
        MessageSid: fc.oneof(fc.stringMatching(/^SM[0-9a-f]{32}$/), text),
        MessageStatus: fc.oneof(fc.constantFrom("delivered", "read", "failed"), text),
        ErrorCode: fc.oneof(fc.stringMatching(/^\d{1,20}$/), text),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([ref, fields]): Case => {
    const p = `/webhooks/twilio/status?ref=${encodeURIComponent(ref)}`;
    const req = signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}${p}`, fields);
    return { kind: "status callback", path: p, headers: req.headers, body: req.body };
  });

const cases = fc.sample(
  fc.oneof(
    { arbitrary: signed, weight: 5 },
    { arbitrary: badSignature, weight: 2 },
    { arbitrary: huge, weight: 1 },
    { arbitrary: rawBytes, weight: 1 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: encoded, weight: 1 },
    { arbitrary: status, weight: 2 },
  ),
  { numRuns: COUNT, seed: SEED },
);

const dataDir = mkdtempSync(path.join(tmpdir(), "haven-fuzz-"));
const database = process.env.DATABASE_URL
  ? await testDatabase({ admin: process.env.DATABASE_URL, prefix: "haven_fuzz" })
  : undefined;
const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start();
const rejections: { status: number; reason: string }[] = [];
const errors: string[] = [];
const server = await spawnServer({
  env: { DATA_DIR: dataDir, DATABASE_URL: database?.url, TWILIO_API_URL: twilio.url, LOG_LEVEL: "info" },
  onLine: (line) => {
    if (line.includes('"request rejected"')) {
      const r = JSON.parse(line);
      rejections.push({ status: r.status, reason: r.reason });
    } else if (/"level":(50|60)/.test(line)) errors.push(line);
  },
});

const failures: string[] = [];
const answered = new Map<string, Map<number, number>>();
let next = 0;
async function worker() {
  while (next < cases.length) {
    const c = cases[next++]!;
    const res = await fetch(server.url + c.path, {
      method: "POST",
      headers: c.headers,
      body: typeof c.body === "string" ? c.body : Buffer.from(c.body),
    });
    await res.arrayBuffer();
    const byKind = answered.get(c.kind) ?? new Map<number, number>();
    byKind.set(res.status, (byKind.get(res.status) ?? 0) + 1);
    answered.set(c.kind, byKind);
    const size = typeof c.body === "string" ? Buffer.byteLength(c.body) : c.body.byteLength;
    if (res.status >= 500)
      failures.push(
        `${c.kind}: ${res.status} for ${JSON.stringify(c.headers)} ${Buffer.from(c.body).subarray(0, 300).toString()}`,
      );
    if (c.kind === "huge" && res.status !== 413) failures.push(`${size} bytes answered ${res.status}, not 413`);
  }
}
try {
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const seconds = (performance.now() - started) / 1000;
  const health = await fetch(`${server.url}/healthz`);
  if (health.status !== 200) failures.push(`the server is unwell after the run: /healthz ${health.status}`);
  // the log is read through a pipe: give it a moment to catch up
  await new Promise((r) => setTimeout(r, 500));
  const refused = [...answered.values()]
    .flatMap((m) => [...m])
    .filter(([s]) => s >= 400)
    .reduce((n, [, k]) => n + k, 0);
  if (rejections.length !== refused)
    failures.push(`${refused} requests refused but ${rejections.length} "request rejected" log lines`);
  const unexplained = rejections.filter((r) => !r.reason);
  if (unexplained.length) failures.push(`${unexplained.length} rejections logged without a reason`);
  failures.push(...errors.map((e) => `error logged: ${e.slice(0, 500)}`));

  console.log(`${cases.length} bodies in ${seconds.toFixed(1)} s (seed ${SEED}), ${twilio.sent.length} replies sent`);
  for (const [kind, byStatus] of answered)
    console.log(
      `  ${kind.padEnd(17)} ${[...byStatus]
        .sort()
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ")}`,
    );
  const reasons = new Map<string, number>();
  for (const r of rejections)
    reasons.set(
      `${r.status} ${r.reason.replace(/"[^"]*"/g, '"…"').slice(0, 70)}`,
      (reasons.get(`${r.status} ${r.reason.replace(/"[^"]*"/g, '"…"').slice(0, 70)}`) ?? 0) + 1,
    );
  console.log("most frequent logged reasons:");
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${String(n).padStart(5)}  ${reason}`);
} finally {
  await server.stop();
  await twilio.stop();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (server.proc.signalCode && server.proc.signalCode !== "SIGTERM")
  failures.push(`the server died: ${server.proc.signalCode}`);
if (failures.length) {
  console.error(`FAILED (seed ${SEED}):\n${failures.slice(0, 30).join("\n")}`);
  process.exit(1);
}
console.log("no 5xx, no crash, every refusal logged with its reason");
