import { readFileSync } from "node:fs";
import path from "node:path";
import { ARTIFACTS, browserSuite, shot, signInAt } from "../support/browser.ts";
import { seedNeeds, times } from "../support/needs.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const DAY = 86_400_000;

let phones: string[] = [];
const suite = browserSuite({ width: 1280, height: 900 }, async (h) => {
  const ago = (d: number) => new Date(Date.now() - d * DAY);
  // eight weeks of needs, some groups too small to show
  phones = (
    await seedNeeds(h.server.db.prisma, [
      ...Array.from({ length: 8 }, (_, w) => [
        ...times(3 + w, {
          category: "shelter",
          urgency: "today",
          area: "athens",
          language: "ar",
          createdAt: ago(w * 7 + 1),
        }),
        ...times(6, {
          category: "health",
          urgency: "week",
          area: "thessaloniki",
          language: "fa",
          createdAt: ago(w * 7 + 2),
        }),
        ...times(2, {
          category: "legal",
          urgency: "can_wait",
          area: "lesvos",
          language: "fr",
          channel: "sms",
          createdAt: ago(w * 7 + 3),
        }),
      ]).flat(),
      {
        category: "food",
        urgency: "today",
        area: "samos",
        language: "en",
        text: "we have no food since Monday, call +30 691 555 0101",
        createdAt: ago(0),
      },
    ])
  ).phones;
});

test("an analyst signs in, filters the needs, sees the charts, and exports rows and counts without a phone number", async () => {
  const { harness: h, context, url } = suite;
  const user = await staffUser(h, "analyst");
  const page = await context.newPage();
  await signInAt(page, url("/staff/needs"), { email: user.email, password: PASSWORD });
  expect(await page.locator("#total").textContent()).toBe("117 needs");
  expect(await page.locator("figure.chart svg").count()).toBe(4);
  await shot(page, "needs-1-dashboard");
  await page.locator(".charts").screenshot({ path: path.join(ARTIFACTS, "needs-1-charts.png") });

  // filter: urgent needs only
  await page.selectOption("select[name=urgency]", "today");
  await Promise.all([page.waitForURL(/urgency=today/), page.getByRole("button", { name: "Filter" }).click()]);
  expect(await page.locator("#total").textContent()).toBe("53 needs");
  const category = page.locator("figure.chart", { hasText: "Needs per category" });
  expect(await category.locator("svg text.count").allTextContents()).toEqual(["52", "<5"]);
  // the stacked weekly chart draws a bar per week
  expect(
    await page.locator("figure.chart", { hasText: "Needs per week" }).locator("svg rect").count(),
  ).toBeGreaterThanOrEqual(8);
  await page.getByText("call [number]").waitFor();
  await shot(page, "needs-2-filtered");

  const exported = async (link: string) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: link }).click(),
    ]);
    return readFileSync(await download.path(), "utf8");
  };
  const rows = await exported("Export rows (CSV)");
  const counts = await exported("Export counts (CSV)");
  const hxl = await exported("Export counts for HDX (HXL CSV)");
  expect(rows.trim().split("\r\n")).toHaveLength(1 + 53);
  expect(counts).toContain("category,food,,<5\r\n");
  expect(hxl.split("\r\n")[1]).toMatch(/^#date \+reported,#adm1 \+name,#sector,#indicator \+num \+total,/);
  for (const csv of [rows, counts, hxl]) for (const phone of phones) expect(csv).not.toContain(phone.slice(-7));
  expect(await h.server.db.prisma.auditLog.count({ where: { staffUserId: user.id, action: "needs_exported" } })).toBe(
    3,
  );

  // review: tick the first two needs and mark them reviewed
  await page.locator("input[name=ids]").nth(0).check();
  await page.locator("input[name=ids]").nth(1).check();
  await page.selectOption("#bulk-status", "reviewed");
  await Promise.all([page.waitForURL(/changed=2/), page.getByRole("button", { name: "Set status" }).click()]);
  await page.getByText("2 needs changed.").waitFor();
  await shot(page, "needs-3-reviewed");
  expect(await page.locator("table.queue .badge", { hasText: "reviewed" }).count()).toBe(2);
  // the export links on a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: "Export counts for HDX (HXL CSV)" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, "needs-4-exports-390.png") });
}, 90_000);
