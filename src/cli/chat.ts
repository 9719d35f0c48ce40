// npm run chat [-- --channel sms|whatsapp --lang ar]
// Talk to the real engine, flows, database and outbox in a terminal, with no Twilio: replies print here.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { MessageSender } from "../channels/message.ts";
import { parseConfig } from "../config.ts";
import { acceptInbound } from "../conversations/repository.ts";
import { createLogger } from "../logger.ts";
import { OutboxWorker } from "../outbox/worker.ts";
import { openBot } from "../server.ts";
import { loadSeeds } from "./seeds.ts";

const { values } = parseArgs({
  options: {
    channel: { type: "string", default: "whatsapp" },
    lang: { type: "string" },
    from: { type: "string", default: "+10000000001" },
  },
});
const channel = values.channel === "sms" ? "sms" : "whatsapp";
// a throwaway database unless DATABASE_URL says otherwise: trying flows must not touch real conversations
// the demo cases' appointments are in Greece: told at their Greek hour unless TIME_ZONE says otherwise
const config = parseConfig({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "memory://",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  TIME_ZONE: process.env.TIME_ZONE || (process.env.DATABASE_URL ? undefined : "Europe/Athens"),
});
const log = createLogger(config.LOG_LEVEL);
const { db, processor, areas, sidHash } = await openBot(config, log, { onReplies: () => {} });
// the throwaway database gets the demo data (cases, partners), so every journey can be tried
if (!process.env.DATABASE_URL) await loadSeeds(db.prisma, areas);

const console: MessageSender = {
  async send(m) {
    process.stdout.write(`\x1b[36mbot>\x1b[0m ${m.text.replace(/\n/g, "\n     ")}\n`);
    return { ok: true, providerId: `SMchat${Date.now()}`, status: "delivered" };
  },
};
const outbox = new OutboxWorker({ prisma: db.prisma, sender: console, log, pollMs: 1000, maxAttempts: 1 });
if (values.lang) {
  await db.prisma.contact.create({ data: { channel, address: values.from, language: values.lang } });
}

const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "you> " });
process.stdout.write(`Chatting on ${channel}${values.lang ? ` in ${values.lang}` : ""}. Ctrl+D to quit.\n`);
rl.prompt();
let n = 0;
for await (const line of rl) {
  const [r] = await acceptInbound(
    db.prisma,
    [
      {
        providerId: `SMchat${String(++n).padStart(10, "0")}`,
        channel,
        from: values.from,
        to: "+10000000000",
        text: line,
        media: [],
        receivedAt: new Date(),
      },
    ],
    sidHash,
  );
  if (r?.accepted) await processor.enqueue(r.contactId);
  while ((await outbox.sendBatch()) > 0);
  rl.prompt();
}
await db.close();
