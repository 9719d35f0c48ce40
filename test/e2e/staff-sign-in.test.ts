import type { Page } from "playwright-core";
import { generate } from "otplib";
import { browserSuite, shot, signInAt } from "../support/browser.ts";
import { freshPhone } from "../support/live-transcript.ts";
import { PASSWORD, staffClient, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });
const PHONE = { width: 390, height: 780 };
const DESK = { width: 1280, height: 900 };

/** The page at both widths: a desk and a phone. */
async function shots(page: Page, name: string) {
  await page.setViewportSize(DESK);
  await shot(page, `signin-${name}-1280`);
  await page.setViewportSize(PHONE);
  await shot(page, `signin-${name}-390`);
}

test("an admin sets up two-factor sign-in, signs in with a code, and reads failed sign-ins on the audit page and the accounts page", async () => {
  const { harness: h, context, url } = suite;
  const admin = await staffUser(h, "admin");
  const page = await context.newPage();
  await signInAt(page, url("/staff/account"), { email: admin.email, password: PASSWORD });
  await page.locator(".qr svg").waitFor();
  await shots(page, "1-two-factor-setup");
  const secret = await page.inputValue("input[name=secret]");
  await page.fill("#code", await generate({ secret }));
  await Promise.all([
    page.waitForURL(/done=on/),
    page.getByRole("button", { name: "Turn on two-factor sign-in" }).click(),
  ]);
  await page.getByText("Two-factor sign-in is on.").waitFor();

  // someone guesses a caseworker's password from several addresses
  const worker = await staffUser(h, "caseworker");
  for (let i = 0; i < 4; i++) await staffClient(h.server.url, { ip: `10.7.0.${i + 1}` }).login(worker.email, "guess");
  await Promise.all([page.waitForURL(/\/staff\/login$/), page.getByRole("button", { name: "Sign out" }).click()]);

  // back in with password and code (the setup's code was taken: wait for the next one)
  await h.server.db.prisma.staffUser.update({ where: { id: admin.id }, data: { totpStep: null } });
  await page.goto(url("/staff/audit"));
  await page.fill("#email", admin.email);
  await page.fill("#password", PASSWORD);
  await page.fill("#code", await generate({ secret }));
  await Promise.all([page.waitForURL(/\/staff\/audit$/), page.click("button[type=submit]")]);
  await page.fill("input[name=who]", worker.email);
  await page.selectOption("select[name=action]", "sign_in_refused");
  await Promise.all([page.waitForURL(/action=sign_in_refused/), page.getByRole("button", { name: "Show" }).click()]);
  expect(await page.locator("ul.audit li").count()).toBe(4); // three wrong passwords, then one asked to wait
  expect(await page.locator("ul.audit li").first().textContent()).toContain("reason: account_slowed");
  await shots(page, "2-audit-filtered");

  await page.goto(url("/staff/users"));
  const entry = page.locator("ul.inbox li", { hasText: worker.email });
  expect(await entry.textContent()).toMatch(/3 failed sign-ins/);
  await shots(page, "3-accounts-failed-sign-ins");
  await Promise.all([page.waitForURL(/\/staff\/users$/), entry.getByRole("button", { name: "Clear" }).click()]);
  expect(await page.locator("ul.inbox li", { hasText: worker.email }).textContent()).not.toMatch(/failed sign-in/);
}, 60_000);

test("a caseworker whose session ends while typing a reply signs in again with the reply kept on the page", async () => {
  const { harness: h, context, url } = suite;
  const worker = await staffUser(h, "caseworker");
  const phone = freshPhone();
  await h.say(phone, "HELP", { channel: "whatsapp" });
  await h.server.processor.idle();
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: phone } });
  await context.clearCookies(); // the admin of the test before is still signed in
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  await signInAt(page, url(`/staff/conversations/${contact.id}`), { email: worker.email, password: PASSWORD });
  await Promise.all([page.waitForURL(/done=take/), page.getByRole("button", { name: "Take" }).click()]);
  await page.fill("#reply", "Hello, I am Sara from the help line. Your appointment is on Monday at 10:00.");
  await h.server.db.prisma.staffSession.deleteMany({ where: { staffUserId: worker.id } });
  await Promise.all([page.waitForURL(/\/reply$/), page.getByRole("button", { name: "Send" }).click()]);
  await page.getByText("Your session ended, so this was not done.").waitFor();
  expect(await page.inputValue("#kept")).toBe(
    "Hello, I am Sara from the help line. Your appointment is on Monday at 10:00.",
  );
  await shots(page, "4-session-ended-reply-kept");
  await page.fill("#email", worker.email);
  await page.fill("#password", PASSWORD);
  await Promise.all([
    page.waitForURL(new RegExp(`/staff/conversations/${contact.id}$`)),
    page.click("button[type=submit]"),
  ]);
}, 60_000);
