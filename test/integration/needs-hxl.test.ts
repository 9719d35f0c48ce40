import { type Harness, startHarness } from "../support/harness.ts";
import { seedNeeds, times } from "../support/needs.ts";
import { signedIn } from "../support/staff.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // two weeks (Mondays 2026-03-02 and 2026-03-09, UTC); a Sunday night still counts in its week
  const wed = new Date("2026-03-04T10:00:00Z");
  const sun = new Date("2026-03-08T23:30:00Z");
  const mon = new Date("2026-03-09T00:30:00Z");
  await seedNeeds(h.server.db.prisma, [
    ...times(5, { area: "athens", category: "shelter", language: "ar", createdAt: wed }),
    ...times(2, { area: "athens", category: "shelter", language: "ar", createdAt: sun }),
    ...times(2, { area: "athens", category: "shelter", language: "fa", createdAt: wed }),
    ...times(5, { area: "athens", category: "legal", language: "ar", createdAt: wed }),
    ...times(3, { area: "samos", category: "food", language: "uk", createdAt: sun }),
    ...times(6, { area: "athens", category: "shelter", language: "fa", createdAt: mon }),
    ...times(1, { area: "samos", category: "shelter", language: "ar", createdAt: mon }),
    ...times(4, { area: "samos", category: "shelter", language: "fa", createdAt: mon }),
  ]);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const HXL_TAG = /^#[a-z][a-z0-9_]*( \+[a-z][a-z0-9_]*)*$/;

test("the HXL export: a second header row of hashtags, languages as attributes, counts of 1-4 as <5", async () => {
  const { c } = await signedIn(h, "analyst");
  const res = await c.request("/staff/needs/hxl.csv");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  const lines = (await res.text()).split("\r\n");
  // counted by hand from the needs above
  expect(lines).toEqual([
    "Week starting,Area,Sector,Needs reported,Needs reported in Arabic,Needs reported in Persian,Needs reported in Ukrainian",
    "#date +reported,#adm1 +name,#sector,#indicator +num +total,#indicator +num +lang_ar,#indicator +num +lang_fa,#indicator +num +lang_uk",
    "2026-03-02,Athens,Legal help,5,5,0,0",
    "2026-03-02,Athens,Shelter,9,7,<5,0",
    "2026-03-02,Samos,Food,<5,0,0,<5",
    "2026-03-09,Athens,Shelter,6,0,6,0",
    "2026-03-09,Samos,Shelter,5,<5,<5,0",
    "",
  ]);
  for (const tag of lines[1]?.split(",") ?? []) expect(tag).toMatch(HXL_TAG);
  const audit = await h.server.db.prisma.auditLog.findFirst({
    where: { action: "needs_exported" },
    orderBy: { id: "desc" },
  });
  expect(audit?.detail).toMatchObject({ kind: "hxl", needs: 28 });
});

test("it keeps the dashboard's filters and roles; the page links to it", async () => {
  const { c } = await signedIn(h, "analyst");
  const persian = (await (await c.request("/staff/needs/hxl.csv?language=fa&area=athens")).text()).split("\r\n");
  expect(persian.slice(1, -1)).toEqual([
    "#date +reported,#adm1 +name,#sector,#indicator +num +total,#indicator +num +lang_fa",
    "2026-03-02,Athens,Shelter,<5,<5",
    "2026-03-09,Athens,Shelter,6,6",
  ]);
  expect((await c.request("/staff/needs/hxl.csv?language=fa&language=ar")).status).toBe(400);
  expect(await (await c.request("/staff/needs?area=samos")).text()).toContain(
    '<a href="/staff/needs/hxl.csv?area=samos" download>Export counts for HDX (HXL CSV)</a>',
  );
  const { c: caseworker } = await signedIn(h, "caseworker");
  expect((await caseworker.request("/staff/needs/hxl.csv")).status).toBe(403);
});
