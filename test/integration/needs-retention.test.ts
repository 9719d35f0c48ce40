import { type Harness, startHarness } from "../support/harness.ts";
import { seedNeeds } from "../support/needs.ts";

let h: Harness;
beforeAll(async () => { h = await startHarness({ NEEDS_TEXT_RETENTION_DAYS: "30" }); }, 60_000);
afterAll(async () => { await h?.close(); });

test("the server applies NEEDS_TEXT_RETENTION_DAYS when it starts (and hourly after)", async () => {
  const { ids } = await seedNeeds(h.server.db.prisma, [
    { text: "old words", createdAt: new Date(Date.now() - 31 * 86_400_000), attachments: 1 },
    { text: "recent words", createdAt: new Date(Date.now() - 29 * 86_400_000) },
  ]);
  await h.restart();
  const erased = async () => (await h.server.db.prisma.need.findUniqueOrThrow({ where: { id: ids[0]! } })).textErasedAt;
  for (let i = 0; i < 100 && !(await erased()); i++) await new Promise((r) => setTimeout(r, 50));
  const needs = await h.server.db.prisma.need.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, include: { attachments: true } });
  expect(needs.map((n) => [n.text, n.attachments.length, n.textErasedAt !== null])).toEqual([["", 0, true], ["recent words", 0, false]]);
}, 30_000);
