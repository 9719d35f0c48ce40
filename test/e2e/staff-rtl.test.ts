import type { Page } from "playwright-core";
import { browserSuite, cspViolations, shot, signInAt } from "../support/browser.ts";
import { conversation } from "../support/live-transcript.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });

/** How far the page is wider than the window: 0 when nothing scrolls sideways. */
const sideways = (page: Page) => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

test("a caseworker switches the staff app to Arabic: inbox and conversation right to left on a laptop and a phone", async () => {
  const { harness: h, context, url } = suite;
  const person = await conversation(h, { lang: "ar" });
  await person.send("مرحبا، أحتاج مساعدة في إيجار الشقة.");
  await person.send("مساعدة");
  const id = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: person.phone } })).id;
  const user = await staffUser(h, "caseworker");
  const page = await context.newPage();
  const violations = await cspViolations(page);
  await signInAt(page, url("/staff/account"), { email: user.email, password: PASSWORD });

  // English until the account says otherwise; the select names each language in its own words
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
    "en",
    "ltr",
  ]);
  await page.selectOption("#locale", { label: "العربية" });
  await Promise.all([page.waitForURL(/done=language/), page.getByRole("button", { name: "Save" }).click()]);
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
    "ar",
    "rtl",
  ]);
  expect(await page.locator("h1").textContent()).toBe("حسابك");

  await page.goto(url("/staff/inbox"));
  expect(await page.locator("h1").textContent()).toBe("صندوق الوارد");
  // the header runs right to left: Haven at the right edge, the signed-in member towards the left
  const brand = await page.locator("header strong").boundingBox();
  const who = await page.locator("header .who").boundingBox();
  expect(brand!.x).toBeGreaterThan(who!.x);
  // the waiting person's row: their preview keeps its own language and direction
  const row = page.locator(`li[data-contact="${id}"]`);
  expect(await row.locator(".preview").getAttribute("lang")).toBe("ar");
  expect(await row.textContent()).toContain("بانتظار موظف");
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await shot(page, "staff-rtl-1-inbox-laptop");

  await row.locator("a").click();
  await page.waitForURL(new RegExp(`/staff/conversations/${id}`));
  await Promise.all([page.waitForURL(/done=take/), page.getByRole("button", { name: "تولِّ المحادثة" }).click()]);
  expect(await page.locator("p.notice").first().textContent()).toBe("توليت هذه المحادثة.");
  // the person's panel sits at the start of the reading direction's far side: left of the thread in Arabic
  const thread = await page.locator(".thread").boundingBox();
  const panel = await page.locator("aside.person").boundingBox();
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(thread!.x);
  // the person's words on the right (start), the bot's replies to the left (end)
  const said = await page.locator(".msg.in").first().boundingBox();
  const answered = await page.locator(".msg.out").first().boundingBox();
  expect(said!.x + said!.width).toBeGreaterThan(answered!.x + answered!.width);
  expect(await page.locator("#reply").getAttribute("dir")).toBe("auto");
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await shot(page, "staff-rtl-2-conversation-laptop");

  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, name] of [
    [`/staff/conversations/${id}`, "staff-rtl-3-conversation-phone"],
    ["/staff/inbox", "staff-rtl-4-inbox-phone"],
  ] as const) {
    await page.goto(url(path));
    await page.waitForLoadState("networkidle");
    expect([path, Math.max(0, await sideways(page))]).toEqual([path, 0]);
    await shot(page, name);
  }
  expect(violations).toEqual([]);
}, 120_000);
