import { browserSuite, noSidewaysScroll, shot, signInAt } from "../support/browser.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const MISSING = [
  {
    text: "I needed the address of the legal aid office in Athens and the hours it is open on Saturdays",
    language: "en",
  },
  { text: "لم أفهم ماذا أفعل بعد المقابلة ومتى يأتي الرد", language: "ar" },
];

const suite = browserSuite({ width: 1280, height: 800 }, async (h) => {
  const prisma = h.server.db.prisma;
  const sara = await staffUser(h, "caseworker");
  const rows = [
    ...Array.from({ length: 7 }, () => ({ journey: "rights", helped: true })),
    ...MISSING.map((m) => ({ journey: "find_help", helped: false, missing: m.text, language: m.language })),
    ...Array.from({ length: 6 }, (_, i) => ({ journey: "handoff", helped: i < 5, caseworkerId: sara.id })),
  ];
  for (const [i, r] of rows.entries()) {
    const contact = await prisma.contact.create({ data: { channel: "whatsapp", address: `+306991000${10 + i}` } });
    await prisma.helpfulness.create({ data: { language: "en", channel: "whatsapp", ...r, contactId: contact.id } });
  }
});

test.each(["en", "ar"] as const)(
  "the helpfulness page (%s) at 1280 px and on a 390 px phone, no sideways scroll",
  async (locale) => {
    const user = await staffUser(suite.harness, "analyst");
    await suite.harness.server.db.prisma.staffUser.update({ where: { id: user.id }, data: { locale } });
    await suite.context.clearCookies();
    const tab = await suite.context.newPage();
    await tab.setViewportSize({ width: 1280, height: 800 });
    await signInAt(tab, suite.url("/staff/helpfulness"), { email: user.email, password: PASSWORD });
    await expect(tab.locator("#by-journey tr").count()).resolves.toBe(4);
    await expect(tab.locator("#missing > li").count()).resolves.toBe(2);
    await expect(tab.locator("html").getAttribute("dir")).resolves.toBe(locale === "ar" ? "rtl" : "ltr");
    // "<5" stays "<5" inside Arabic: the sign is drawn left of the digit, not mirrored after it
    const signLeftOfDigit = await tab
      .locator("#by-journey td > *", { hasText: "<5" })
      .first()
      .evaluate((bdi) => {
        const at = (i: number) => {
          const range = document.createRange();
          range.setStart(bdi.firstChild!, i);
          range.setEnd(bdi.firstChild!, i + 1);
          return range.getBoundingClientRect().left;
        };
        return at(0) < at(1);
      });
    expect(signLeftOfDigit).toBe(true);
    await shot(tab, `helpfulness-${locale}-1280`);
    await tab.setViewportSize({ width: 390, height: 844 });
    await shot(tab, `helpfulness-${locale}-390`);
    expect(await noSidewaysScroll(tab)).toBe(true);
    await tab.close();
  },
);
