import { ARTIFACTS, browserSuite, noSidewaysScroll, shot, signInAt } from "../support/browser.ts";
import { conversation } from "../support/live-transcript.ts";
import { PASSWORD, signedIn, staffUser } from "../support/staff.ts";
import path from "node:path";

// Seven people go through the welcome and the menu on the real webhook: all reach the menu; two answer it
// wrongly once, three ask for a person. The analyst reads the funnel and the outcomes, on a laptop and a phone.
const suite = browserSuite({ width: 1280, height: 900 }, async (h) => {
  for (let i = 0; i < 7; i++) {
    const c = await conversation(h, { channel: i < 5 ? "whatsapp" : "sms" });
    await c.send("hi");
    await c.send("1"); // English
    await c.send("2"); // no news from us
    if (i < 2) await c.send("banana");
    await c.send(i < 3 ? "5" : "1"); // a person, or rights
  }
});

const cells = async (page: import("playwright-core").Page, row: string) =>
  page
    .locator("#funnel tr", { has: page.locator(`th:text-is("${row}")`) })
    .locator("td")
    .allTextContents();

test("an analyst reads where people went in the menu and what they got, at 1280 and 390 px", async () => {
  const { harness: h, context, url } = suite;
  const analyst = await staffUser(h, "analyst");
  const page = await context.newPage();
  await signInAt(page, url("/staff/insights"), { email: analyst.email, password: PASSWORD });
  await page.getByRole("link", { name: "Insights" }).waitFor();
  // reached, answered, not understood, asked for a person, left: the menu was put 7 times, 2 replies misunderstood
  expect(await cells(page, "menu")).toEqual(["7", "7", "<5", "0", "0"]);
  expect(await page.locator("figure.funnel svg g title").first().textContent()).toMatch(/: \d/);
  await shot(page, "insights-1-funnel");

  // by channel: SMS only, two people: every figure under 5
  await page.selectOption("select[name=channel]", "sms");
  await Promise.all([page.waitForURL(/channel=sms/), page.getByRole("button", { name: "Filter" }).click()]);
  expect(await cells(page, "menu")).toEqual(["<5", "<5", "0", "0", "0"]);

  // another flow: the handover, asked three times
  await page.goto(url("/staff/insights?flow=talk_to_person"));
  const handoffRow = page
    .locator("#funnel tr")
    .filter({ has: page.locator("td") })
    .last();
  expect(await handoffRow.locator("td").nth(3).textContent()).toBe("<5");

  await page.getByRole("link", { name: "Outcomes" }).click();
  await page.locator("#handoff").waitFor();
  const figure = (name: string) =>
    page.locator("#handoff dt", { hasText: name }).locator("xpath=following-sibling::dd[1]");
  expect(await figure("People who wrote").textContent()).toBe("7");
  expect(await figure("Conversations handed over").textContent()).toBe("<5");
  expect(await figure("Handed over outside office hours").textContent()).toBe("OFFICE_HOURS not set");
  await shot(page, "insights-2-outcomes");
  // a wrong filter is refused with the reason, never dropped
  const refused = await page.goto(url("/staff/insights/outcomes?from=2026-02-30"));
  expect(refused?.status()).toBe(400);
  await page.getByText(/These filters are wrong, so nothing is filtered: from: not a day of the calendar/).waitFor();

  await page.setViewportSize({ width: 390, height: 844 });
  for (const p of ["/staff/insights", "/staff/insights/outcomes"]) {
    await page.goto(url(p));
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({
      path: path.join(ARTIFACTS, `insights-3${p.replaceAll("/", "-")}-390.png`),
      fullPage: true,
    });
  }
}, 120_000);

test("a caseworker may not open the insights, nor see them in the navigation", async () => {
  const { c } = await signedIn(suite.harness, "caseworker");
  expect((await c.request("/staff/insights")).status).toBe(403);
  expect((await c.request("/staff/insights/outcomes")).status).toBe(403);
  expect(await (await c.request("/staff/inbox")).text()).not.toContain('href="/staff/insights"');
});
