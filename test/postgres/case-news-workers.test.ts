import { deliverDueNews } from "../../src/domain/cases/news.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { createLogger } from "../../src/logger.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Several workers claiming case news at once on PostgreSQL (processes behind a load balancer, each with its worker):
// SKIP LOCKED hands each row to one of them, and the row leaves with its reply, so every person gets one message.
let h: Harness;
beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  h = await startHarness({ CASE_NEWS_QUIET_SECONDS: "60" });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

test("150 news rows claimed by four workers at once (the server's among them): one message each", async () => {
  const prisma = h.server.db.prisma;
  const people = 150;
  const kase = await prisma.case.create({
    data: { caseNumber: "RACE-1", caseKey: "RACE1", factorKind: "pin", factorHash: "x", stage: "travel" },
  });
  const ids: number[] = [];
  for (let i = 0; i < people; i++) {
    const contact = await prisma.contact.create({
      data: {
        channel: "sms",
        address: `+3069100${String(i).padStart(5, "0")}`,
        language: "en",
        updatesConsent: true,
        messages: { create: { direction: "in", body: "hi", ourAddress: "+15005550006", processedAt: new Date() } },
      },
    });
    ids.push(contact.id);
  }
  await prisma.caseFollower.createMany({
    data: ids.map((contactId) => ({ caseId: kase.id, contactId, verifiedAt: new Date() })),
  });
  // their quiet period is over
  await prisma.caseNews.createMany({
    data: ids.map((contactId) => ({ caseId: kase.id, contactId, changedAt: new Date(Date.now() - 120_000) })),
  });

  const deps = {
    prisma,
    texts: createTexts(readLocales("locales"), "en"),
    log: createLogger("silent"),
    onReplies: () => {},
    quietSeconds: 60,
    templates: {},
    smsFrom: undefined,
    defaultLanguage: "en",
  };
  const worker = async () => {
    let handled = 0;
    for (let n = -1; n !== 0; handled += n) n = await deliverDueNews(deps);
    return handled;
  };
  const handled = await Promise.all([worker(), worker(), worker()]);
  // the server's own worker may have taken some
  expect(handled.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(people);
  expect(await prisma.caseNews.count()).toBe(0);

  const outbox = await prisma.outbox.groupBy({ by: ["contactId"], where: { contactId: { in: ids } }, _count: true });
  expect(outbox).toHaveLength(people);
  expect(outbox.every((o) => o._count === 1)).toBe(true);
  expect(await prisma.auditLog.count({ where: { action: "case_news_sent", contactId: { in: ids } } })).toBe(people);
  await h.twilio.waitForSent(people, 30_000);
  expect(new Set(h.twilio.sent.map((m) => m.to)).size).toBe(people);
});
