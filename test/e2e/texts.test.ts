import path from "node:path";
import { ARTIFACTS, browserSuite, cspViolations, noSidewaysScroll, shot, signInAt } from "../support/browser.ts";
import { conversation } from "../support/live-transcript.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });

test("an editor edits an Arabic text, reviews one, publishes, restores; the bot follows; laptop and phone", async () => {
  const { harness: h, context, url } = suite;
  const page = await context.newPage();
  const violations = await cspViolations(page);
  const menuIn = async (lang: string) => (await (await conversation(h, { lang })).send("menu"))[0] ?? "";
  const editor = await staffUser(h, "editor");
  await signInAt(page, url("/staff/texts?lng=ar&journey=core"), { email: editor.email, password: PASSWORD });

  // the texts of a journey: English beside Arabic, right to left, with the SMS cost and where each is used
  const card = page.locator('li[id="menu.prompt"]');
  expect(await card.locator('.preview[lang="ar"]').evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await card.textContent()).toMatch(/1 SMS segment \(UCS-2, 31 units\)[\s\S]*Used in main_menu\//);
  await shot(page, "texts-1-laptop-list");
  // a journey's page is long: its first screen too, to look at
  await page.screenshot({ path: path.join(ARTIFACTS, "texts-1-laptop-list-top.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "texts-2-phone-list");
  await page.screenshot({ path: path.join(ARTIFACTS, "texts-2-phone-list-top.png") });
  await page.setViewportSize({ width: 1280, height: 900 });

  // a draft: saved, not live
  await card.getByRole("link", { name: "Edit" }).click();
  const edited = "كيف نساعدك اليوم؟ أرسل رقماً:";
  await page.fill("#text", edited);
  await Promise.all([page.waitForURL(/done=drafted/), page.getByRole("button", { name: "Save draft" }).click()]);
  expect(await page.locator('.preview[lang="ar"]').last().textContent()).toBe(edited);
  await shot(page, "texts-3-laptop-edit");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "texts-4-phone-edit");
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await menuIn("ar")).not.toContain(edited);

  // a review of another text, then publish: live for the next person
  await page.goto(url("/staff/texts/edit?lng=ar&key=rights.retry"));
  await Promise.all([page.waitForURL(/done=reviewed/), page.getByRole("button", { name: /reviewed/ }).click()]);
  expect(await page.textContent("form.card:last-of-type")).toContain(`by ${editor.email}`);
  await page.goto(url("/staff/texts/publish"));
  await shot(page, "texts-5-laptop-publish");
  await Promise.all([page.waitForURL(/done=published/), page.getByRole("button", { name: "Publish" }).click()]);
  expect(await page.textContent("main")).toContain("This server runs version 1");
  expect(await menuIn("ar")).toContain(edited);

  // the languages page counts the review; restore "the files alone" is not a version, so publish again and restore 1
  await page.goto(url("/staff/texts/locales"));
  expect(await page.locator("tr", { hasText: "(ar)" }).locator('td[data-label="Reviewed"]').textContent()).toBe("1");
  await shot(page, "texts-6-laptop-languages");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "texts-7-phone-languages");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto(url("/staff/texts/edit?lng=ar&key=menu.prompt"));
  await page.fill("#text", "بماذا نساعدك؟ أرسل رقماً:");
  await Promise.all([page.waitForURL(/done=drafted/), page.getByRole("button", { name: "Save draft" }).click()]);
  await page.goto(url("/staff/texts/publish"));
  await Promise.all([page.waitForURL(/done=published/), page.getByRole("button", { name: "Publish" }).click()]);
  expect(await menuIn("ar")).toMatch(/^بماذا نساعدك/);
  await Promise.all([
    page.waitForURL(/done=restored/),
    page.getByRole("button", { name: "Restore version 1" }).click(),
  ]);
  expect(await page.textContent("main")).toContain("This server runs version 3");
  expect(await page.textContent("main")).toContain("(restores 1)");
  await shot(page, "texts-8-laptop-versions");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "texts-9-phone-versions");
  expect(await menuIn("ar")).toContain(edited);
  expect(violations).toEqual([]);
}, 120_000);

test("an editor adds a risk word to English's list, longer than any message, and the draft is saved; laptop and phone", async () => {
  const { harness: h, context, url } = suite;
  // signed in afresh: the test before left its editor's session in the browser
  await context.clearCookies();
  const page = await context.newPage();
  const editor = await staffUser(h, "editor");
  await signInAt(page, url("/staff/texts/edit?lng=en&key=risk.words"), { email: editor.email, password: PASSWORD });
  const list = await page.inputValue("#text");
  expect(list.length).toBeGreaterThan(4000);
  await page.fill("#text", `${list}\nzqxvanished`);
  await Promise.all([page.waitForURL(/done=drafted/), page.getByRole("button", { name: "Save draft" }).click()]);
  expect((await h.server.db.prisma.textDraft.findFirstOrThrow({ where: { key: "risk.words" } })).text).toMatch(
    /\nzqxvanished$/,
  );
  await shot(page, "texts-10-laptop-word-list");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  // the English list is folded under its length, so the form is not thousands of pixels down
  expect(await page.textContent("summary")).toMatch(/^Words and phrases: \d{3,} \(show\)$/);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(1500);
  await shot(page, "texts-11-phone-word-list");
  // unfolded, the list no longer offers "(show)"
  expect(await page.locator("summary .folded").first().isVisible()).toBe(true);
  await page.locator("summary").first().click();
  expect(await page.locator("summary .folded").first().isVisible()).toBe(false);
  await page.screenshot({ path: path.join(ARTIFACTS, "texts-12-phone-word-list-open.png") });
  await page.locator("summary").first().click();
  // the list runs to thousands of pixels: the form itself, as a phone shows it
  await page.locator("#text").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, "texts-11-phone-word-list-form.png") });
}, 60_000);
