import { browserSuite, shot, signInAt } from "../support/browser.ts";
import { hear, playLive, say } from "../support/live-transcript.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 390, height: 780 }); // a phone-sized window

test("a caseworker opens a person the bot alone answered only by giving a reason, then reads the conversation; on a phone and a laptop", async () => {
  const { harness: h, context, url } = suite;
  const person = await playLive(h, { lang: "en" }, [say("hi"), hear(/How can we help/)]);
  const id = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: person.phone } })).id;
  const user = await staffUser(h, "caseworker");
  const page = await context.newPage();

  await signInAt(page, url(`/staff/conversations/${id}`), { email: user.email, password: PASSWORD });
  await page.getByRole("heading", { name: "Open this person's record?" }).waitFor();
  expect(await page.getByText("hi", { exact: true }).count()).toBe(0);
  await shot(page, "access-1-open-record-phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, "access-2-open-record-laptop");

  // the browser itself refuses an empty reason (required); a reason opens the conversation
  await page.getByRole("button", { name: "Open the record" }).click();
  expect(page.url()).toBe(url(`/staff/conversations/${id}`));
  await page.fill("#reason", "Her sister called the office, worried; checking what she asked us");
  await Promise.all([page.waitForURL(/done=open/), page.getByRole("button", { name: "Open the record" }).click()]);
  await page.getByText("The record is open to you for 60 minutes; your reason is in the audit log.").waitFor();
  await page.getByText("hi", { exact: true }).waitFor();
  await shot(page, "access-3-opened-laptop");
  await page.setViewportSize({ width: 390, height: 780 });
  await shot(page, "access-4-opened-phone");
}, 60_000);
