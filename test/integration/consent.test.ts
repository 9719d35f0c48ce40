import { harnessForFile } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";
import { signedIn } from "../support/staff.ts";

// Consent on the record, through the signed webhook, the processor and the database: the notice seen (which
// version, when), "may we write to you first?" (yes/no, when), PRIVACY, UPDATES, a version bump, ERASE.
const h = harnessForFile({ ORG_NAME: "Harbour Aid", NEEDS_TEXT_RETENTION_DAYS: "90" });

const consentOf = (channel: "sms" | "whatsapp", address: string) =>
  h.server.db.prisma.contact.findUnique({
    where: { channel_address: { channel, address } },
    select: { noticeVersion: true, noticeSeenAt: true, updatesConsent: true, updatesConsentAt: true },
  });

test("a new person sees the notice once, answers once, reads PRIVACY, changes with UPDATES, erases it all", async () => {
  const c = await conversation(h, { channel: "sms" });
  expect(await c.send("hi")).toEqual([expect.stringMatching(/^Language/)]);
  const before = new Date();
  expect(await c.send("1")).toEqual([
    "Thank you. We will write in English.",
    expect.stringMatching(/^Welcome\./),
    "Privacy: Harbour Aid runs this line. Twilio carries the messages (Meta too on WhatsApp). We keep your messages until you send ERASE, which deletes them. Send PRIVACY for more.",
    "May we write to you first with news about your file or important announcements?\n1. Yes\n2. No",
  ]);
  const seen = await consentOf("sms", c.phone);
  expect(seen).toMatchObject({ noticeVersion: 1, updatesConsent: null, updatesConsentAt: null });
  expect(seen?.noticeSeenAt?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

  expect(await c.send("yes")).toEqual([
    "Thank you. We may write to you first. Send UPDATES to change this.",
    expect.stringMatching(/^How can we help\?/),
  ]);
  const agreed = await consentOf("sms", c.phone);
  expect(agreed).toMatchObject({ noticeVersion: 1, updatesConsent: true });
  expect(agreed?.updatesConsentAt).toBeInstanceOf(Date);
  // staff read the consent on the person panel (an admin: a caseworker first says why they open a bot's conversation)
  const id = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } })).id;
  const { c: admin } = await signedIn(h, "admin");
  const page = await (await admin.request(`/staff/conversations/${id}`)).text();
  expect(page).toMatch(/<dt>Privacy notice<\/dt><dd>version 1, seen \d/);
  expect(page).toMatch(/<dt>Messages from us<\/dt><dd>yes, we may write first <span class="meta">\d/);
  // the notice is not shown again: the menu answers
  expect(await c.send("1")).toEqual([expect.stringMatching(/rights/i)]);

  const privacy = await c.send("PRIVACY");
  expect(privacy).toEqual([
    expect.stringMatching(/^Privacy 1\/3: Harbour Aid runs this help line\./),
    expect.stringContaining("until you send ERASE. What you tell us about a need is erased after 90 days."),
    expect.stringMatching(/^Privacy 3\/3: ERASE deletes your data\./),
  ]);
  expect((await consentOf("sms", c.phone))?.noticeSeenAt).toEqual(seen?.noticeSeenAt);

  expect(await c.send("UPDATES")).toEqual([expect.stringMatching(/^May we write to you first/)]);
  expect(await c.send("2")).toEqual([
    "Thank you. We will only answer your messages. Send UPDATES to change this.",
    expect.stringMatching(/^How can we help\?[\s\S]*\n6\. Messages from us\n7\. Feedback or complaint$/),
  ]);
  const declined = await consentOf("sms", c.phone);
  expect(declined?.updatesConsent).toBe(false);
  expect(declined?.updatesConsentAt?.getTime()).toBeGreaterThan(agreed!.updatesConsentAt!.getTime());

  // the menu's entry asks again
  expect(await c.send("6")).toEqual([expect.stringMatching(/^May we write to you first/)]);
  await c.send("1");
  expect((await consentOf("sms", c.phone))?.updatesConsent).toBe(true);

  // STOP silences everything and is no "no": the answer stays as it was
  await c.send("STOP");
  expect((await consentOf("sms", c.phone))?.updatesConsent).toBe(true);

  // ERASE (heard after STOP) erases the consent record with the contact
  expect(await c.send("ERASE")).toEqual([expect.stringMatching(/^Erase your data\?/)]);
  await c.send("yes");
  expect(await consentOf("sms", c.phone)).toBeNull();
}, 90_000);

test("a new notice version is shown once, at the person's next message after the deploy", async () => {
  const c = await conversation(h, { lang: "ar", channel: "whatsapp" });
  expect(await c.send("مرحبا")).toEqual([expect.stringMatching(/^كيف يمكننا مساعدتك/)]);
  h.config.PRIVACY_NOTICE_VERSION = 2;
  try {
    await h.restart();
    const [notice, menu, ...rest] = await c.send("قائمة");
    expect(notice).toMatch(/^الخصوصية: يدير هذا الخط .*Harbour Aid.* أرسل PRIVACY للمزيد\.$/);
    expect(menu).toMatch(/^كيف يمكننا مساعدتك/);
    expect(rest).toEqual([]);
    expect(await consentOf("whatsapp", c.phone)).toMatchObject({ noticeVersion: 2 });
    // once: the next message gets its answer alone
    expect(await c.send("١")).toEqual([expect.stringMatching(/حقوق/)]);
  } finally {
    h.config.PRIVACY_NOTICE_VERSION = 1;
    await h.restart();
  }
}, 90_000);
