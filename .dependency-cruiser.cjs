// The layers of src/ and the imports between them, checked by `npm run lint:deps` (dependency-cruiser, in CI).
// From the bottom: each layer imports only the layers below it (and itself).
//   engine                       the flow interpreter, pure: zod and itself
//   i18n, db, logger, metrics    languages and texts; the Prisma client; the log; Prometheus figures
//   channels, flows              neutral messages and Twilio; flow files read through the engine
//   outbox                       the reply queue and its sender
//   turns                        a turn's plan and its one write (sessions, transcript, outbox rows, contacts)
//   domain                       the journeys: actions, handoff, contacts, needs, partners, cases, audit
//   conversations                a person's turn: runs the engine, applies its events through the domain
//   http, staff                  Express: webhooks and APIs; the staff app (neither imports the other)
//   config, server, main, cli    wiring: read the environment, put the pieces together, commands
// The ports both sides of a seam need live in the lower one: the action interface (domain/action-set.ts),
// the handoff hooks a turn calls (domain/handoff/hooks.ts), a turn's plan and its write (turns/).

/** A layer's files may import src/ only from these paths (node_modules are not checked here). */
const layer = (name, from, allowed) => ({
  name,
  severity: "error",
  comment: `${name}: imports only ${allowed.join(", ")}`,
  from: { path: from },
  to: { path: "^src/", pathNot: allowed.map((dir) => `^src/${dir}`) },
});

const BASE = ["engine/", "i18n/", "db/", "logger\\.ts$", "metrics/"];
const BELOW_DOMAIN = [...BASE, "channels/", "flows/", "outbox/", "turns/"];
const BELOW_APPS = [...BELOW_DOMAIN, "domain/", "conversations/"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "modules that import each other cannot be understood, tested or moved apart",
      from: { pathNot: "^src/db/generated/" },
      to: { circular: true },
    },
    layer("engine-is-pure", "^src/engine/", ["engine/"]),
    layer("i18n", "^src/i18n/", ["engine/", "i18n/"]),
    layer("db", "^src/db/", ["db/"]),
    layer("logger", "^src/logger\\.ts$", []),
    layer("metrics", "^src/metrics/", ["metrics/"]),
    layer("channels", "^src/channels/", ["engine/", "i18n/", "db/", "channels/"]),
    layer("flows", "^src/flows/", ["engine/", "i18n/", "flows/"]),
    layer("outbox", "^src/outbox/", [...BASE, "channels/", "outbox/"]),
    layer("turns", "^src/turns/", [...BASE, "channels/", "turns/"]),
    layer("domain", "^src/domain/", [...BELOW_DOMAIN, "domain/"]),
    layer("conversations", "^src/conversations/", [...BELOW_DOMAIN, "domain/", "conversations/"]),
    layer("http", "^src/http/", [...BELOW_APPS, "http/", "config\\.ts$"]),
    layer("staff", "^src/staff/", [...BELOW_APPS, "staff/"]),
    layer("config", "^src/config\\.ts$", ["domain/", "channels/twilio/content-sid\\.ts$"]),
    {
      name: "express-in-http-and-staff",
      severity: "error",
      comment: "only the web adapters know Express",
      from: { path: "^src/", pathNot: ["^src/http/", "^src/staff/"] },
      to: { path: "^node_modules/(express|express-rate-limit)/" },
    },
    {
      name: "twilio-in-channels",
      severity: "error",
      comment: "Twilio's library never leaves src/channels/twilio",
      from: { path: "^src/", pathNot: "^src/channels/twilio/" },
      to: { path: "^node_modules/twilio/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
