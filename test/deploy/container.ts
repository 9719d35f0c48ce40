// `npm run test:container`: builds deploy/Dockerfile and deploy/postgres.Dockerfile, starts deploy/compose.yaml
// (bot + PostgreSQL), and checks the running container as Twilio would reach it: /healthz, a signed webhook
// answered through the Twilio stand-in on this machine, a forged one refused. Stops and removes it all after.
// CONTAINER_ENGINE=podman (default) or docker; BASE: the Debian image to build from (deploy/debian-base.sh makes
// one without a registry); BUILD_CA_FILE: a CA bundle for npm behind a TLS-intercepting proxy (a build secret).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { eventually } from "../support/eventually.ts";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/harness.ts";
import { TwilioStandIn } from "../support/twilio-standin.ts";
import { inboundForm, signedRequest } from "../support/twilio-signing.ts";

const engine = process.env.CONTAINER_ENGINE ?? "podman";
const compose: [string, ...string[]] = engine === "podman" ? ["podman-compose"] : [engine, "compose"];
const base = process.env.BASE ?? "docker.io/library/debian:trixie-slim";
const project = "haven-check";

const run = ([file, ...args]: [string, ...string[]], env: NodeJS.ProcessEnv = process.env) => {
  try {
    return execFileSync(file, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
};
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function build(dockerfile: string, tag: string) {
  const started = Date.now();
  const secret = process.env.BUILD_CA_FILE ? ["--secret", `id=ca,src=${process.env.BUILD_CA_FILE}`] : [];
  run([engine, "build", "-q", "-f", dockerfile, "--build-arg", `BASE=${base}`, ...secret, "-t", tag, "."]);
  console.log(`built ${tag} from ${base} in ${seconds(started)} s`);
}

build("deploy/Dockerfile", "localhost/haven");
build("deploy/postgres.Dockerfile", "localhost/haven-postgres");

const twilio = await new TwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }).start("0.0.0.0");
const port = await freePort();
const publicBaseUrl = `http://localhost:${port}`;
const env = {
  ...process.env,
  BASE: base,
  PORT: String(port),
  POSTGRES_PASSWORD: randomBytes(12).toString("hex"),
  PUBLIC_BASE_URL: publicBaseUrl,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  // the stand-in on this machine, as the container reaches its host
  TWILIO_API_URL: `http://${engine === "podman" ? "host.containers.internal" : "host.docker.internal"}:${new URL(twilio.url).port}`,
};
const composeCmd = (...args: string[]): [string, ...string[]] => [
  ...compose,
  "-p",
  project,
  "-f",
  "deploy/compose.yaml",
  ...args,
];

try {
  const started = Date.now();
  run(composeCmd("up", "-d"), env);
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    const res = await fetch(`${url}/healthz`);
    if (!res.ok) throw new Error(`/healthz ${res.status}`);
  }, 180_000);
  console.log(`compose up: /healthz 200 after ${seconds(started)} s (bot and PostgreSQL containers, migrated)`);

  const form = inboundForm({ from: "+306900000101", body: "hello" });
  const signed = signedRequest(AUTH_TOKEN, `${publicBaseUrl}/webhooks/twilio`, form);
  const sentAt = Date.now();
  const accepted = await fetch(`${url}/webhooks/twilio`, { method: "POST", ...signed });
  if (accepted.status !== 200) throw new Error(`signed webhook answered ${accepted.status}`);
  const reply = await eventually(async () => {
    const found = twilio.sent.find((m) => m.to === "+306900000101");
    if (!found) throw new Error("no reply at the Twilio stand-in yet");
    return found;
  }, 30_000);
  console.log(
    `signed webhook 200; reply at the Twilio stand-in after ${Date.now() - sentAt} ms: ${JSON.stringify(reply.body.slice(0, 60))}`,
  );

  const forged = await fetch(`${url}/webhooks/twilio`, {
    method: "POST",
    headers: { ...signed.headers, "x-twilio-signature": "forged" },
    body: signed.body,
  });
  if (forged.status !== 403) throw new Error(`forged webhook answered ${forged.status}, not 403`);
  console.log("forged webhook 403");
} catch (error) {
  console.error(run([engine, "logs", "--tail", "40", `${project}_bot_1`]));
  throw error;
} finally {
  run(composeCmd("down", "-v"), env);
  await twilio.stop();
}
