// npx tsx test/bench/journey-write-cost.ts: what storing journey events costs a turn's write, apart from the rest of
// the turn (npm run bench measures whole turns, and needs a machine quiet enough for its webhooks not to time out).
// applyPlans on an in-memory PGlite, batches of 100 turns of the menu (two replies, the message answered, the
// session), with and without four journey events each, alternating; CPU time of this process, which runs PGlite.
import { databaseTarget, openDatabase } from "../../src/db/database.ts";
import { deployMigrations } from "../../src/db/migrations.ts";
import { applyPlans } from "../../src/turns/apply-plans.ts";
import type { TurnPlan } from "../../src/turns/plan.ts";

const target = await databaseTarget("memory://", "");
await deployMigrations(target.factory);
const db = openDatabase(target);
const p = db.prisma;
const N = 100;
await p.contact.createMany({
  data: Array.from({ length: N }, (_, i) => ({ channel: "whatsapp", address: `+30690${i}` })),
});
const contacts = await p.contact.findMany({ select: { id: true } });
const journey = {
  language: "ar",
  channel: "whatsapp" as const,
  events: [
    { kind: "answered" as const, flow: "main_menu", node: "menu", waitedMs: 4000 },
    { kind: "reached" as const, flow: "main_menu", node: "rights" },
    { kind: "reached" as const, flow: "rights", node: "intro" },
    { kind: "asked" as const, flow: "rights", node: "topics" },
  ],
};
async function round(withJourney: boolean) {
  const inbound = await p.message.createManyAndReturn({
    data: contacts.map((c) => ({ contactId: c.id, direction: "in", body: "2", ourAddress: "+1" })),
    select: { id: true, contactId: true },
  });
  const plans: TurnPlan[] = inbound.map((m) => ({
    contactId: m.contactId,
    send: {
      route: { channel: "whatsapp", to: "+30690", from: "+1" },
      inReplyToId: m.id,
      replies: [
        { text: "Your rights: ...", redact: false },
        { text: "Which topic?\n1. a\n2. b", redact: false },
      ],
    },
    answered: { messageId: m.id, redact: false, personal: false },
    session: { v: 1, stack: [{ flow: "rights", node: "topics", version: 1 }], waiting: true, retries: 0, vars: {} },
    ...(withJourney ? { journey } : {}),
  }));
  const cpu = process.cpuUsage();
  const t = performance.now();
  await p.$transaction((tx) => applyPlans(tx, plans));
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t };
}
for (let i = 0; i < 5; i++) await round(i % 2 === 0); // warm-up
const sums = { with: { cpu: 0, wall: 0 }, without: { cpu: 0, wall: 0 } };
const ROUNDS = 40;
for (let i = 0; i < ROUNDS; i++) {
  for (const w of i % 2 ? [true, false] : [false, true]) {
    const r = await round(w);
    const s = w ? sums.with : sums.without;
    s.cpu += r.cpuMs;
    s.wall += r.wallMs;
  }
}
const per = (x: number) => (x / (ROUNDS * N)).toFixed(3);
console.log(`applyPlans, batches of ${N} turns, ${ROUNDS} each, alternating; per turn:`);
console.log(`without journey: ${per(sums.without.cpu)} ms CPU, ${per(sums.without.wall)} ms wall`);
console.log(`with 4 journey events: ${per(sums.with.cpu)} ms CPU, ${per(sums.with.wall)} ms wall`);
await db.close();
