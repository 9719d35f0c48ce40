import type { Page } from "playwright-core";
import { browserSuite, shot, signInAt } from "../support/browser.ts";
import { seedConversation } from "../support/conversations.ts";
import type { Harness } from "../support/harness.ts";
import { freshPhone } from "../support/live-transcript.ts";
import { PASSWORD, signedIn, staffUser } from "../support/staff.ts";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Conversations handed to staff in several languages and channels, each with a message. */
async function seed(h: Harness) {
  const prisma = h.server.db.prisma;
  const people = [
    { language: "ar", channel: "whatsapp", body: "أحتاج مساعدة في السكن، صاحب البيت طردنا", minutes: 95 },
    { language: "uk", channel: "sms", body: "Мені потрібен лікар для дитини", minutes: 42 },
    { language: "fa", channel: "whatsapp", body: "کی می‌توانم با کسی صحبت کنم؟", minutes: 12 },
    { language: "en", channel: "whatsapp", body: "Our landlord threw us out of the flat last night", minutes: 3 },
  ];
  for (const { body, minutes, ...p } of people) {
    const at = new Date(Date.now() - minutes * 60_000);
    await seedConversation(prisma, { ...p, escalatedAt: at, messages: [{ body, at }] });
  }
}

const suite = browserSuite(DESKTOP, seed);

/** Records what the page asks of the Notification and WebAudio APIs (the browser shows or plays nothing headless). */
async function recordAlerts(page: Page) {
  await page.addInitScript(() => {
    const record = { notes: [] as string[], beeps: 0 };
    Reflect.set(window, "alertsSeen", record);
    const Real = window.Notification;
    const Recorded = function (this: unknown, title: string, options?: NotificationOptions) {
      record.notes.push(options?.body ?? title);
      return new Real(title, options);
    } as unknown as typeof Notification;
    Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
    Reflect.set(Recorded, "requestPermission", () => Real.requestPermission());
    Reflect.set(window, "Notification", Recorded);
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      record.beeps++;
      return create.call(this);
    };
  });
}
const alertsSeen = (page: Page) =>
  page.evaluate(() => Reflect.get(window, "alertsSeen") as { notes: string[]; beeps: number });

test("a caseworker allows alerts; a new urgent conversation is notified, sounded and announced; a transfer is told; waiting times tick", async () => {
  const { harness: h, context, url } = suite;
  const user = await staffUser(h, "caseworker");
  await h.server.db.prisma.staffUser.update({ where: { id: user.id }, data: { languages: ["ar", "fa"] } });
  const page = await context.newPage();
  await recordAlerts(page);
  await signInAt(page, url("/staff/inbox"), { email: user.email, password: PASSWORD });
  await page.getByText("Our landlord threw us out").waitFor();
  const allow = page.getByRole("button", { name: "Alert me to urgent conversations" });
  await allow.waitFor();
  await shot(page, "inbox-list-desktop-1-views-filters");

  // the caseworker allows them: the browser asks (granted here as a person would), the page says so
  await context.grantPermissions(["notifications"], { origin: new URL(url("/")).origin });
  await allow.click();
  await page.getByText("Alerts are on").waitFor();
  expect(await allow.isHidden()).toBe(true);

  // a person names a risk while the page is open
  const phone = freshPhone();
  await h.say(phone, "He hits me and I am afraid", { channel: "whatsapp" });
  const announce = page.locator("#announce[aria-live=assertive]");
  await page.waitForFunction(
    () => document.querySelector("#announce")?.textContent?.includes("New urgent conversation"),
    null,
    {
      timeout: 15_000,
    },
  );
  expect(await announce.textContent()).toBe("New urgent conversation: someone is waiting for a person.");
  await page.locator("ul.inbox li", { hasText: phone.slice(-4) }).waitFor({ timeout: 15_000 });
  const seen = await alertsSeen(page);
  expect(seen.notes).toEqual(["New urgent conversation: someone is waiting for a person."]);
  expect(seen.beeps).toBe(2);
  await shot(page, "inbox-list-desktop-2-urgent-arrived");

  // a colleague passes a conversation to this caseworker: told at once
  const colleague = await signedIn(h, "caseworker", { ip: "10.11.0.1" });
  const id = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: phone } })).id;
  expect((await colleague.c.post(`/staff/conversations/${id}/take`)).status).toBe(303);
  expect((await colleague.c.post(`/staff/conversations/${id}/transfer`, { to: String(user.id) })).status).toBe(303);
  await page.waitForFunction(() => document.querySelector("#announce")?.textContent?.includes("passed to you"), null, {
    timeout: 15_000,
  });
  expect(await announce.textContent()).toBe(`A conversation was passed to you by ${colleague.user.email}.`);
  expect((await alertsSeen(page)).notes).toHaveLength(2);

  // waiting times tick without a reload: a row's start moved 125 minutes back (again if a live refresh
  // replaced the row meanwhile) reads "2 h 5 min" at the next tick
  const since = new Date(Date.now() - 125 * 60_000).toISOString();
  await page.waitForFunction(
    (at) => {
      const t = document.querySelector("time.waited");
      if (t && t.getAttribute("datetime") !== at) t.setAttribute("datetime", at);
      return t?.textContent === "2 h 5 min";
    },
    since,
    { timeout: 20_000, polling: 500 },
  );

  // views and filters: Mine holds the transferred one; my languages
  await page.getByRole("link", { name: "Mine", exact: true }).click();
  await page.waitForURL(/view=mine/);
  expect(await page.locator("ul.inbox li").count()).toBe(1);
  await Promise.all([
    page.waitForURL((u) => !u.search.includes("view=mine")),
    page.getByRole("link", { name: "All", exact: true }).click(),
  ]);
  await page.selectOption("select[name=language]", "mine");
  await Promise.all([page.waitForURL(/language=mine/), page.getByRole("button", { name: "Show" }).click()]);
  expect(await page.locator("ul.inbox li").count()).toBe(2);
  expect(await page.locator("ul.inbox li .preview[lang=ar][dir=auto]").count()).toBe(1);
  await shot(page, "inbox-list-desktop-3-my-languages");

  await page.setViewportSize(PHONE);
  await page.goto(url("/staff/inbox"));
  await page.getByText("Our landlord threw us out").waitFor();
  await shot(page, "inbox-list-phone-1-inbox");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
  await page.close();
}, 120_000);

test("a caseworker searches closed conversations by words and a need's reference, on a desktop and a phone", async () => {
  const { harness: h, context, url } = suite;
  const user = await staffUser(h, "caseworker");
  await context.clearCookies();
  const page = await context.newPage();
  await signInAt(page, url("/staff/search"), { email: user.email, password: PASSWORD });
  await page.fill("input[name=q]", "landlord");
  await Promise.all([page.waitForURL(/q=landlord/), page.getByRole("button", { name: "Search" }).click()]);
  await page.locator("mark", { hasText: "landlord" }).waitFor();
  await shot(page, "inbox-list-desktop-4-search");
  await page.setViewportSize(PHONE);
  await page.goto(url(`/staff/search?q=${encodeURIComponent("طردنا")}`));
  await page.locator("mark").first().waitFor();
  await shot(page, "inbox-list-phone-2-search");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
  await page.close();
}, 60_000);

test("an admin sets a caseworker's languages and passes a waiting conversation to them", async () => {
  const { harness: h, context, url } = suite;
  const admin = await staffUser(h, "admin");
  const worker = await staffUser(h, "caseworker");
  await context.clearCookies();
  const page = await context.newPage();
  await signInAt(page, url("/staff/users"), { email: admin.email, password: PASSWORD });
  const form = page.locator(`form[action="/staff/users/${worker.id}/languages"]`);
  await form.locator("input[name=languages]").fill("ar, fa");
  await Promise.all([page.waitForURL(/\/staff\/users$/), form.getByRole("button", { name: "Save languages" }).click()]);
  expect(await form.locator("input[name=languages]").inputValue()).toBe("ar, fa");
  await shot(page, "inbox-list-desktop-5-accounts-languages");

  const arabic = await h.server.db.prisma.contact.findFirstOrThrow({ where: { language: "ar" } });
  await page.goto(url(`/staff/conversations/${arabic.id}`));
  const transfer = page.locator(`form[action="/staff/conversations/${arabic.id}/transfer"]`);
  // those who work in Arabic first
  const options = await transfer.locator("option").allTextContents();
  const speaks = options.map((o) => o.includes("(ar"));
  expect(speaks.indexOf(false)).toBeGreaterThan(speaks.lastIndexOf(true));
  expect(options).toContain(`${worker.email} (ar, fa)`);
  await transfer.locator("select").selectOption(String(worker.id));
  await shot(page, "inbox-list-desktop-6-transfer-form");
  await page.setViewportSize(PHONE);
  await shot(page, "inbox-list-phone-3-transfer-form");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await Promise.all([page.waitForURL(/done=transfer/), transfer.getByRole("button", { name: "Transfer" }).click()]);
  await page.getByText("Passed to your colleague").waitFor();
  expect(await page.getByText(`taken by ${worker.email}`).count()).toBe(1);
  await page.setViewportSize(DESKTOP);
  await page.close();
}, 60_000);
