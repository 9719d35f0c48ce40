import { harnessForFile } from "../support/harness.ts";
import { seedNeeds, times } from "../support/needs.ts";
import { linkOf, seenOnce, signedIn, walkPages } from "../support/staff.ts";

const h = harnessForFile();

test("the review queue is walked page by page with its filters, newest first, each need seen once", async () => {
  // all at one moment: the id keeps the order stable across pages
  const at = new Date("2026-11-20T10:00:00Z");
  const shelter = await seedNeeds(
    h.server.db.prisma,
    times(120, { category: "shelter", area: "athens", createdAt: at }),
  );
  await seedNeeds(h.server.db.prisma, times(10, { category: "legal", area: "athens", createdAt: at }));
  const { c } = await signedIn(h, "analyst");

  const { pages, links } = await walkPages(c, "/staff/needs?category=shelter&area=athens");
  expect(pages.length).toBe(3);
  for (const link of links.slice(1))
    expect(link).toMatch(/^\/staff\/needs\?category=shelter&area=athens&page=\d#queue$/);
  const seen = seenOnce(pages, /name="ids" value="\d+"/g);
  expect([...seen].map((s) => Number(/\d+/.exec(s)?.[0])).sort((a, b) => a - b)).toEqual(shelter.ids);
  expect(pages[0]).toContain(`name="ids" value="${shelter.ids[119]}"`);
  expect(linkOf(pages[2] ?? "", "prev")).toBe("/staff/needs?category=shelter&area=athens&page=2#queue");
});
