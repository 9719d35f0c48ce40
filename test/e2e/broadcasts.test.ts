import { vi } from "vitest";
import { browserSuite, cspViolations, noSidewaysScroll, shot, signInAt } from "../support/browser.ts";
import { freshPhone } from "../support/live-transcript.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

// The broadcast pages in Chromium, as a broadcaster uses them: compose, count, send; the live progress bar moves
// while it sends (SMS at Twilio's default 1 segment a second), pause and cancel; at 1280 px and on a 390 px phone.
// The screenshot of the page mid-send is test-artifacts/broadcast-mid-send-1280.png (and -390).

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });
const PEOPLE = 20;

const suite = browserSuite({ width: 1280, height: 900 }, async (h) => {
  const prisma = h.server.db.prisma;
  for (let i = 0; i < PEOPLE; i++)
    await prisma.contact.create({
      data: {
        channel: "sms",
        address: freshPhone(),
        language: i % 4 === 0 ? "ar" : "en",
        updatesConsent: true,
        lastInboundAt: new Date(),
        messages: { create: { direction: "in", body: "hi", ourAddress: "+15550001111", processedAt: new Date() } },
      },
    });
});

test("compose, count, send; the bar moves mid-send; pause and cancel; no sideways scroll at 390 px", async () => {
  const user = await staffUser(suite.harness, "broadcaster");
  const tab = await suite.context.newPage();
  const csp = await cspViolations(tab);
  await signInAt(tab, suite.url("/staff/broadcasts/new"), { email: user.email, password: PASSWORD });
  await tab.fill("#title", "Office closed Monday");
  await tab.fill("#text_en", "The registration office is closed on Monday. Come on Tuesday.");
  await tab.fill("#text_ar", "مكتب التسجيل مغلق يوم الاثنين. تعال يوم الثلاثاء.");
  await Promise.all([tab.waitForLoadState("load"), tab.click("button[name=confirm][value='0']")]);
  await expect(tab.locator("#audience-count h2").textContent()).resolves.toBe(`It reaches ${PEOPLE} people now`);
  // the cost per language, shown once written
  await expect(tab.locator("#text_ar ~ .badge").textContent()).resolves.toMatch(/1 SMS segment \(UCS-2, \d+ units\)/);
  await shot(tab, "broadcast-compose-1280");
  await tab.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(tab)).toBe(true);
  await shot(tab, "broadcast-compose-390");
  await tab.setViewportSize({ width: 1280, height: 900 });

  await Promise.all([tab.waitForURL(/\/staff\/broadcasts\/\d+$/), tab.click("button[name=confirm][value='1']")]);
  // the page's script polls progress.json: the figures and the bar move without a reload
  await tab.waitForFunction(() => Number(document.querySelector('[data-count="sent"]')?.textContent) >= 3, null, {
    timeout: 30_000,
  });
  const bar = await tab.locator("progress").evaluate((p: HTMLProgressElement) => ({ value: p.value, max: p.max }));
  expect(bar.max).toBe(PEOPLE);
  expect(bar.value).toBeGreaterThan(0);
  expect(bar.value).toBeLessThan(PEOPLE);
  await shot(tab, "broadcast-mid-send-1280");
  await tab.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(tab)).toBe(true);
  await shot(tab, "broadcast-mid-send-390");

  await Promise.all([tab.waitForURL(/done=pause/), tab.click("form[action$='/pause'] button")]);
  await expect(tab.locator(".notice").textContent()).resolves.toBe("Paused.");
  await Promise.all([tab.waitForURL(/done=cancel/), tab.click("form[action$='/cancel'] button")]);
  await expect(tab.locator('[data-count="statusLabel"]').textContent()).resolves.toBe("Cancelled");
  expect(csp).toEqual([]);
  await tab.close();
});
