import { browserSuite, cspViolations, shot, signInAt } from "../support/browser.ts";
import { eventually } from "../support/eventually.ts";
import { conversation } from "../support/live-transcript.ts";
import { JPEG, silentOgg } from "../support/media-files.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });

test("an Arabic conversation in Chromium: bubbles right to left, the menu folded, a voice note and a photo, the person beside it, close asks first; laptop and phone", async () => {
  const { harness: h, context, url } = suite;
  const person = await conversation(h, { lang: "ar" });
  await person.send("مرحبا، أحتاج مساعدة.");
  await person.send("HELP");
  await person.send("هذه رسالة صوتية وصورة للغرفة.", [
    { url: h.twilio.serveMedia(silentOgg(), "audio/ogg"), contentType: "audio/ogg" },
    { url: h.twilio.serveMedia(JPEG, "image/jpeg"), contentType: "image/jpeg" },
  ]);
  const id = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: person.phone } })).id;
  const user = await staffUser(h, "caseworker");
  const page = await context.newPage();
  // the page's own script and the media stay within the Content-Security-Policy
  const violations = await cspViolations(page);
  await signInAt(page, url(`/staff/conversations/${id}`), { email: user.email, password: PASSWORD });
  await Promise.all([page.waitForURL(/done=take/), page.getByRole("button", { name: "Take" }).click()]);
  // it opens at the newest message, which is further down than one screen
  await eventually(async () => expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0));

  // each bubble takes the direction of its words: Arabic right to left, its full stop on the left
  const arabic = page.locator(".msg.in .text", { hasText: "مرحبا، أحتاج مساعدة." });
  expect(await arabic.evaluate((e) => getComputedStyle(e).direction)).toBe("rtl");
  expect(await arabic.getAttribute("lang")).toBe("ar");
  // the bot's menu is one line until opened
  const menu = page.locator("details.menu").first();
  await menu.locator("summary").waitFor();
  expect(await menu.locator(".text").isVisible()).toBe(false);
  // the consent on record, read-only beside the conversation
  const facts = page.locator("aside.person dl");
  expect(await facts.textContent()).toMatch(/Privacy notice\s*version 1, seen .+Messages from us\s*not answered/s);
  await shot(page, "conversation-1-laptop-arabic");
  await menu.locator("summary").click();
  expect(await menu.locator(".text").isVisible()).toBe(true);

  // the photo loads through the server; the voice note plays (its second of silence is read)
  const photo = page.locator(".msg img");
  await photo.scrollIntoViewIfNeeded();
  await eventually(async () => expect(await photo.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(96));
  const audio = page.locator(".msg audio");
  await eventually(async () =>
    expect(await audio.evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? Math.round(a.duration) : -1))).toBe(1),
  );
  // the newest message sits just above the reply box, which is in view
  expect(await page.locator("#reply").isVisible()).toBe(true);
  const lastBubble = await page.locator(".msg").last().boundingBox();
  const reply = await page.locator("#latest").boundingBox();
  expect(lastBubble!.y).toBeLessThan(reply!.y);

  // the person beside the conversation on a laptop
  const thread = await page.locator(".thread").boundingBox();
  const panel = await page.locator("aside.person").boundingBox();
  expect(panel!.x).toBeGreaterThanOrEqual(thread!.x + thread!.width);
  await shot(page, "conversation-2-laptop-menu-open");

  // on a phone the person comes under it, and nothing scrolls sideways
  await page.setViewportSize({ width: 390, height: 844 });
  const under = await page.locator("aside.person").boundingBox();
  const threadOnPhone = await page.locator(".thread").boundingBox();
  expect(under!.y).toBeGreaterThanOrEqual(threadOnPhone!.y + threadOnPhone!.height);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
  await shot(page, "conversation-3-phone");

  // closing asks first; "Yes" closes
  await page.locator("summary", { hasText: "Close" }).click();
  await page.getByText("Close this conversation?").waitFor();
  await shot(page, "conversation-4-phone-close-asks");
  await Promise.all([page.waitForURL(/done=close/), page.getByRole("button", { name: "Yes, close it" }).click()]);
  await page.getByText("Conversation closed.").waitFor();
  expect(violations).toEqual([]);
}, 90_000);
