import { browserSuite, shot, signInAt } from "../support/browser.ts";
import { freshPhone } from "../support/live-transcript.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 390, height: 780 }); // a phone-sized window

test("a caseworker on a phone signs in, sees an escalation arrive live, replies, and hands back", async () => {
  const { harness: h, context, url } = suite;
  const user = await staffUser(h, "caseworker");
  const page = await context.newPage();

  await signInAt(page, url("/staff/inbox"), { email: user.email, password: PASSWORD });
  await page.getByText("Nobody is waiting for a person.").waitFor();
  await shot(page, "1-inbox-empty");

  // a person asks for help while the page is open: it appears without a reload (server-sent events)
  await page.evaluate(() => Reflect.set(window, "stillTheSamePage", true));
  const phone = freshPhone();
  const calm = freshPhone();
  await h.say(calm, "hello", { channel: "whatsapp" });
  await h.server.processor.idle();
  await h.say(calm, "1", { channel: "whatsapp" });
  await h.server.processor.idle();
  await h.say(calm, "HELP", { channel: "whatsapp" });
  await h.say(phone, "He hits me and I am afraid", { channel: "whatsapp" });
  const item = page.locator("ul.inbox li", { hasText: phone.slice(-4) });
  await item.waitFor({ timeout: 15_000 });
  await page.locator("ul.inbox li").nth(1).waitFor({ timeout: 15_000 });
  expect(await page.evaluate(() => Reflect.get(window, "stillTheSamePage"))).toBe(true);
  // the urgent one comes first
  expect(await page.locator("ul.inbox li").first().textContent()).toContain("URGENT");
  await shot(page, "2-inbox-live-escalation");

  await Promise.all([page.waitForURL(/\/staff\/conversations\/\d+$/), item.locator("a").click()]);
  await page.getByText("He hits me and I am afraid").waitFor();
  await Promise.all([page.waitForURL(/done=take/), page.getByRole("button", { name: "Take" }).click()]);
  await page.fill("#reply", "Hello, I am Sara from the help line. Are you safe right now?");
  await Promise.all([page.waitForURL(/done=reply/), page.getByRole("button", { name: "Send" }).click()]);
  const sent = await waitForText(phone, "Are you safe right now?");
  expect(sent.to).toBe(`whatsapp:${phone}`);

  // the person answers; the open conversation shows it live
  await h.say(phone, "Yes, I am at my sister's", { channel: "whatsapp" });
  await page.getByText("Yes, I am at my sister's").waitFor({ timeout: 15_000 });
  await page.fill("#note", "Referred to the protection partner");
  await Promise.all([page.waitForURL(/done=note/), page.getByRole("button", { name: "Add note" }).click()]);
  await shot(page, "3-conversation-phone");

  // handing back asks first
  await page.locator("summary", { hasText: "Hand back to the bot" }).click();
  await page.getByText("Hand this person back to the bot?").waitFor();
  await Promise.all([page.waitForURL(/done=hand-back/), page.getByRole("button", { name: "Yes, hand back" }).click()]);
  await waitForText(phone, "The automatic menu is back.");
  await waitForText(phone, "How can we help?");
  await page.getByText("Handed back to the bot.").waitFor();
  await shot(page, "4-handed-back");

  await page.goto(url("/staff/inbox"));
  expect(await page.locator("ul.inbox li", { hasText: phone.slice(-4) }).count()).toBe(0);
}, 90_000);

test("someone who asks for a person while the inbox's live stream is still connecting is shown once it connects", async () => {
  const { harness: h, context, url } = suite;
  const user = await staffUser(h, "caseworker");
  // alone and signed in afresh, whatever the test before left open (another page's stream would see the change)
  for (const open of context.pages()) await open.close();
  await context.clearCookies();
  const page = await context.newPage();
  await signInAt(page, url("/staff/inbox"), { email: user.email, password: PASSWORD });
  // the page is rendered; its stream is held back until the person's turn is done
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let heldBack = 0;
  await page.route("**/staff/events", async (route) => {
    heldBack++;
    await held;
    await route.continue();
  });
  await page.reload();
  const phone = freshPhone();
  for (const text of ["hello", "1", "HELP"]) {
    await h.say(phone, text, { channel: "whatsapp" });
    await h.server.processor.idle();
  }
  expect(heldBack).toBe(1);
  release();
  await page.locator("ul.inbox li", { hasText: phone.slice(-4) }).waitFor({ timeout: 10_000 });
  await page.close();
}, 60_000);

async function waitForText(phone: string, text: string) {
  const h = suite.harness;
  for (let i = 0; i < 300; i++) {
    const m = h.twilio.sent.find((s) => s.to === `whatsapp:${phone}` && s.body.includes(text));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `"${text}" never reached the Twilio stand-in; it got: ${h.twilio.to(`whatsapp:${phone}`).join(" | ")}`,
  );
}
