import { browserSuite, cspViolations, noSidewaysScroll, shot, signInAt } from "../support/browser.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });

test("an editor tries the line in Arabic on WhatsApp: right-to-left replies, a tapped choice, SMS", async () => {
  const { harness: h, context, url } = suite;
  const page = await context.newPage();
  const violations = await cspViolations(page);
  const editor = await staffUser(h, "editor");
  await signInAt(page, url("/staff/simulator"), { email: editor.email, password: PASSWORD });
  const contacts = await h.server.db.prisma.contact.count();

  await page.selectOption('select[name="language"]', "ar");
  await Promise.all([
    page.waitForURL(/\/staff\/simulator$/),
    page.getByRole("button", { name: "Start again" }).click(),
  ]);
  await page.fill('input[name="text"]', "مرحبا");
  await Promise.all([page.waitForURL(/#simulated$/), page.getByRole("button", { name: "Send" }).click()]);
  const reply = page.locator('.msg.out .text[lang="ar"]').last();
  expect(await reply.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  const choice = page.locator("form.choices button").first();
  const label = (await choice.textContent()) ?? "";
  await Promise.all([page.waitForURL(/#simulated$/), choice.click()]);
  expect(await page.locator(".msg.in .text").last().textContent()).toBe(label);
  expect(await page.locator(".msg.out").count()).toBeGreaterThan(2);
  await shot(page, "simulator-1-laptop");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "simulator-2-phone");
  await page.setViewportSize({ width: 1280, height: 900 });

  // SMS: the numbered text and its segments; start again empties the conversation
  await page.selectOption('select[name="channel"]', "sms");
  await Promise.all([
    page.waitForURL(/\/staff\/simulator$/),
    page.getByRole("button", { name: "Start again" }).click(),
  ]);
  expect(await page.locator(".msg").count()).toBe(0);
  await page.fill('input[name="text"]', "menu");
  await Promise.all([page.waitForURL(/#simulated$/), page.getByRole("button", { name: "Send" }).click()]);
  expect(await page.locator(".msg.out .meta").last().textContent()).toMatch(/\d SMS segments? \(UCS-2, \d+ units\)/);
  await shot(page, "simulator-3-laptop-sms");

  expect(await h.server.db.prisma.contact.count()).toBe(contacts);
  expect(violations).toEqual([]);
}, 60_000);
