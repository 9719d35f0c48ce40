import { browserSuite, cspViolations, noSidewaysScroll, shot, signInAt } from "../support/browser.ts";
import { saveCanned } from "../../src/domain/canned/repository.ts";
import { conversation, outboxDrained } from "../support/live-transcript.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });

test("an admin adds a canned reply; a caseworker inserts it in Arabic with the person's reference, edits and sends it; laptop and phone", async () => {
  const { harness: h, context, url } = suite;
  const page = await context.newPage();
  const violations = await cspViolations(page);

  // the admin adds it: English required, Arabic beside it
  const admin = await staffUser(h, "admin");
  await signInAt(page, url("/staff/canned"), { email: admin.email, password: PASSWORD });
  await page.getByRole("link", { name: "Add a canned reply" }).click();
  await page.fill("#name", "Bring your papers");
  await page.fill("#text_en", "Please bring your papers to the office. Your reference is {{reference}}.");
  await page.locator("summary", { hasText: "Arabic (ar)" }).click();
  await page.fill("#text_ar", "يرجى إحضار أوراقك إلى المكتب. رقمك المرجعي {{reference}}.");
  await shot(page, "canned-1-laptop-form");
  await Promise.all([page.waitForURL(/done=added/), page.getByRole("button", { name: "Save" }).click()]);
  await page.getByText("Canned reply added.").waitFor();
  const arabic = page.locator('.preview[lang="ar"]');
  expect(await arabic.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await page.locator(".canned-texts").textContent()).toContain("1 SMS segment (UCS-2");
  await shot(page, "canned-2-laptop-list");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "canned-3-phone-list");
  await page.getByRole("link", { name: "Edit" }).click();
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "canned-4-phone-form");
  await page.setViewportSize({ width: 1280, height: 900 });
  await context.clearCookies();

  // an Arabic speaker reports a need through the bot, then asks for a person
  const person = await conversation(h, { lang: "ar" });
  for (const reply of ["4", "3", "1", "1", "أحتاج محامياً لاستئناف اللجوء", "HELP"]) await person.send(reply);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: person.phone } });
  const { reference } = await h.server.db.prisma.need.findFirstOrThrow({ where: { contactId: contact.id } });

  // the caseworker takes it and inserts the reply by name: in Arabic, the reference filled, at the cursor
  const caseworker = await staffUser(h, "caseworker");
  await signInAt(page, url(`/staff/conversations/${contact.id}`), { email: caseworker.email, password: PASSWORD });
  await Promise.all([page.waitForURL(/done=take/), page.getByRole("button", { name: "Take" }).click()]);
  await page.selectOption("#canned", { label: "Bring your papers" });
  await page.fill("#reply", "مرحباً. ");
  await page.getByRole("button", { name: "Insert" }).click();
  const filled = `يرجى إحضار أوراقك إلى المكتب. رقمك المرجعي ${reference}.`;
  expect(await page.inputValue("#reply")).toBe(`مرحباً. ${filled}`);
  expect(new URL(page.url()).searchParams.has("canned")).toBe(false); // the script inserted it, no reload
  expect(await page.locator("#canned-note").isVisible()).toBe(false); // Arabic exists: nothing to warn of
  await page.locator("#latest").scrollIntoViewIfNeeded();
  await shot(page, "canned-5-laptop-inserted");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await page.locator("#latest").scrollIntoViewIfNeeded();
  await shot(page, "canned-6-phone-inserted");

  // edited before sending; the Twilio stand-in receives the filled text
  await page.locator("#reply").press("End");
  await page.locator("#reply").pressSequentially(" شكراً");
  await Promise.all([page.waitForURL(/done=reply/), page.getByRole("button", { name: "Send" }).click()]);
  await outboxDrained(h);
  expect(h.twilio.to(`whatsapp:${person.phone}`).at(-1)).toBe(`مرحباً. ${filled} شكراً`);

  // a day later WhatsApp takes only an approved template: the admin's, previewed in Arabic, sent by its SID
  const sidAr = `HX${"a7".repeat(16)}`;
  await saveCanned(h.server.db.prisma, admin.id, {
    name: "News about your request",
    kind: "template",
    texts: {
      en: "Hello, we have news about your request. Reply to talk to us.",
      ar: "مرحباً، لدينا أخبار عن طلبك. أجب لتتحدث معنا.",
    },
    contentSids: { en: `HX${"e1".repeat(16)}`, ar: sidAr },
  });
  await h.server.db.prisma.contact.update({
    where: { id: contact.id },
    data: { lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
  });
  await page.goto(url(`/staff/conversations/${contact.id}`));
  const template = page.locator('.templates .preview[lang="ar"]');
  expect(await template.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, "canned-7-phone-templates");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator("#latest").scrollIntoViewIfNeeded();
  await shot(page, "canned-8-laptop-templates");
  await Promise.all([
    page.waitForURL(/done=template/),
    page.getByRole("button", { name: "Send “News about your request”" }).click(),
  ]);
  await outboxDrained(h);
  expect(h.twilio.sent.filter((m) => m.to === `whatsapp:${person.phone}`).at(-1)).toMatchObject({ contentSid: sidAr });
  expect(violations).toEqual([]);
}, 120_000);
