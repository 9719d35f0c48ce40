import { browserSuite, shot, signInAt } from "../support/browser.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const LONG =
  "The driver of the partner's minibus to the clinic asks women for their phone numbers and money every week, " +
  "and says the appointment will be lost if we refuse. Please do not tell him I wrote this.";

const suite = browserSuite({ width: 1280, height: 800 }, async (h) => {
  const prisma = h.server.db.prisma;
  const rows = [
    { kind: "confidential", text: LONG, language: "en", status: "new" },
    { kind: "confidential", text: "طلب مني موظف في المخيم مالاً مقابل الخدمة", language: "ar", status: "in_review" },
    {
      kind: "feedback",
      text: "The lawyer on Tuesday explained everything clearly, thank you",
      language: "en",
      status: "new",
    },
    {
      kind: "complaint",
      text: "Nobody answered the phone at the office for three days",
      language: "en",
      status: "closed",
    },
  ];
  for (const [i, r] of rows.entries()) {
    const contact = await prisma.contact.create({ data: { channel: "whatsapp", address: `+3069900000${i}` } });
    await prisma.feedback.create({
      data: { ...r, contactId: contact.id, channel: "whatsapp", reference: `F-7K3P${i + 2}` },
    });
  }
});

const sideways = () => document.documentElement.scrollWidth > document.documentElement.clientWidth;

test.each([
  ["protection", "protection"],
  ["analyst", "feedback"],
] as const)("the %s queue at 1280 px and on a 390 px phone, no sideways scroll", async (role, page) => {
  const user = await staffUser(suite.harness, role);
  await suite.context.clearCookies(); // the other test's session
  const tab = await suite.context.newPage();
  await signInAt(tab, suite.url(`/staff/${page}`), { email: user.email, password: PASSWORD });
  const cards = tab.locator("ul.inbox > li");
  await expect(cards.count()).resolves.toBe(2);
  await shot(tab, `${page}-queue-1280`);
  await tab.setViewportSize({ width: 390, height: 844 });
  await shot(tab, `${page}-queue-390`);
  expect(await tab.evaluate(sideways)).toBe(false);
  await tab.close();
});
