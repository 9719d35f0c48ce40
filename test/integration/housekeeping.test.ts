import { caseNumberKey, lookupSubject } from "../../src/domain/cases/lookup-keys.ts";
import { LOCKOUT_LOOKBACK_MS } from "../../src/domain/cases/service.ts";
import { eventually } from "../support/eventually.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedNeeds } from "../support/needs.ts";

let h: Harness;
beforeAll(async () => { h = await startHarness({ NEEDS_TEXT_RETENTION_DAYS: "30" }); }, 60_000);
afterAll(async () => { await h?.close(); });

test("the server's housekeeping at start (and hourly after): needs' text after NEEDS_TEXT_RETENTION_DAYS, lookup attempts the lockout no longer reads", async () => {
  const prisma = () => h.server.db.prisma;
  const { ids } = await seedNeeds(prisma(), [
    { text: "old words", createdAt: new Date(Date.now() - 31 * 86_400_000), attachments: 1 },
    { text: "recent words", createdAt: new Date(Date.now() - 29 * 86_400_000) },
  ]);
  const subject = lookupSubject("+306900000777");
  const attempt = (ageMs: number) => ({ subject, caseNumberHash: caseNumberKey("DEMO-1001"), outcome: "failed", createdAt: new Date(Date.now() - ageMs) });
  await prisma().caseLookupAttempt.createMany({ data: [attempt(LOCKOUT_LOOKBACK_MS + 60_000), attempt(LOCKOUT_LOOKBACK_MS - 60_000)] });

  await h.restart();
  // the run at the first start may have met the seed half-written (read committed): the run after the
  // restart must leave the whole expected state, which is awaited as a whole
  await eventually(async () => {
    const needs = await prisma().need.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, include: { attachments: true } });
    expect(needs.map((n) => [n.text, n.attachments.length, n.textErasedAt !== null])).toEqual([["", 0, true], ["recent words", 0, false]]);
    const attempts = await prisma().caseLookupAttempt.findMany({ where: { subject } });
    expect(attempts.map((a) => Date.now() - a.createdAt.getTime() < LOCKOUT_LOOKBACK_MS)).toEqual([true]);
  }, 5_000);
}, 30_000);
