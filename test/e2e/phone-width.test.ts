import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { importCasesCsv } from "../../src/domain/cases/import-csv.ts";
import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { importPartnersCsv } from "../../src/domain/partners/import-csv.ts";
import { createReferral } from "../../src/domain/partners/repository.ts";
import { browserSuite, shot, signInAt } from "../support/browser.ts";
import { seedNeeds, times } from "../support/needs.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const PARTNERS = `code,name,services,areas,languages,phone,hours
alpha,Alpha Legal Athens and Piraeus Association for Refugee Rights,legal;documentation,athens;thessaloniki,en;fr;ar,+302100000101,Mon-Fri 09:00-17:00
beta,Beta Shelter,shelter,athens,ar,+302100000102,Every day 08:00-20:00
`;

let needContacts: number[] = [];
const suite = browserSuite({ width: 390, height: 844 }, async (h) => {
  const prisma = h.server.db.prisma;
  expect((await importCasesCsv(prisma, readFileSync("prisma/seed/cases.csv", "utf8"))).problems).toEqual([]);
  expect((await importPartnersCsv(prisma, PARTNERS, readAreas(areasFile("flows")))).problems).toEqual([]);
  await seedNeeds(prisma, [
    ...times(3, {
      category: "shelter",
      text: "We sleep in the park near Victoria square with two small children since Tuesday",
    }),
    ...times(2, { category: "legal", language: "fa", channel: "sms", text: "وکیل برای درخواست پناهندگی" }),
  ]);
  const needs = await prisma.need.findMany({ select: { contactId: true } });
  needContacts = needs.flatMap((n) => (n.contactId ? [n.contactId] : []));
  const alpha = await prisma.partner.findUniqueOrThrow({ where: { code: "alpha" } });
  for (const contactId of needContacts)
    await createReferral(prisma, {
      contactId,
      partnerId: alpha.id,
      service: "legal",
      name: "Amal Haddad-Rahimi",
      consentAt: new Date(),
    });
});

test("on a 390 px phone no staff page scrolls sideways: tables reflow to cards or scroll inside their box", async () => {
  const { harness: h, context, url } = suite;
  const admin = await staffUser(h, "admin");
  const page = await context.newPage();
  await signInAt(page, url("/staff/inbox"), { email: admin.email, password: PASSWORD });
  const pages = [
    "/staff/inbox",
    "/staff/referrals",
    "/staff/cases",
    "/staff/audit",
    "/staff/needs",
    "/staff/partners",
    "/staff/users",
    "/staff/account",
    `/staff/conversations/${needContacts[0]}`,
  ];
  expect(await scrollingSideways(page, pages)).toEqual([]);
}, 120_000);

test("a partner's account reads its referrals, with the phone numbers, on a 390 px phone without sideways scroll", async () => {
  const { harness: h, context, url } = suite;
  const alpha = await h.server.db.prisma.partner.findUniqueOrThrow({ where: { code: "alpha" } });
  const partner = await staffUser(h, "partner", alpha.id);
  await context.clearCookies(); // signed out of the admin's session the test before left
  const page = await context.newPage();
  await signInAt(page, url("/staff/referrals"), { email: partner.email, password: PASSWORD });
  expect(await page.locator("td[data-label=Phone]").count()).toBeGreaterThan(0);
  expect(await scrollingSideways(page, ["/staff/referrals"], "-partner")).toEqual([]);
}, 60_000);

/** The pages wider than the window, each with its width (and a screenshot of every page). */
async function scrollingSideways(page: Page, paths: string[], shotSuffix = ""): Promise<string[]> {
  const wide: string[] = [];
  for (const p of paths) {
    await page.goto(suite.url(p));
    await page.waitForLoadState("networkidle");
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.scrollingElement?.scrollWidth ?? 0,
      inner: window.innerWidth,
    }));
    if (scroll > inner) wide.push(`${p}: ${scroll} px`);
    await shot(page, `phone-width${p.replaceAll("/", "-")}${shotSuffix}`);
  }
  return wide;
}
