import { createReferral } from "../../src/domain/partners/repository.ts";
import { flattenKeys } from "../../src/i18n/locale-check.ts";
import { readStaffLocales } from "../../src/staff/staff-text.ts";
import { seedCasesAndPartner } from "../support/directory.ts";
import { harnessForFile } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";
import { seedNeeds } from "../support/needs.ts";
import { freshIp, signedIn, staffClient } from "../support/staff.ts";

const h = harnessForFile({ TIME_ZONE: "Europe/Athens" });
beforeAll(async () => {
  await seedCasesAndPartner(prisma(), "ar");
});

const prisma = () => h.server.db.prisma;
const english = readStaffLocales("locales").en;
const keys = [...flattenKeys(english).keys()].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""));

/** What a reader sees of a page: its text and the attributes read out or shown (labels, hints, titles). */
function shown(page: string): string {
  const attributes = [...page.matchAll(/\s(?:aria-label|placeholder|title|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/g, " ");
  return `${text} ${attributes.join(" ")}`.replace(/\s+/g, " ");
}

/** The English words of the navigation, headings and buttons, which an Arabic page must not show. */
const ENGLISH = [
  "Inbox",
  "Search",
  "Referrals",
  "Needs",
  "Partners",
  "Cases",
  "Accounts",
  "Audit log",
  "Canned replies",
  "Sign out",
  "Sign in",
  "Your account",
  "The person",
  "Conversation",
  "Jump to latest",
  "Take",
  "Close",
  "Save",
  "Show",
  "Cancel",
  "Staff accounts",
  "Add",
  "Import",
  "Export",
  "Status",
  "Name",
  "waiting",
  "previous",
  "next",
  "Publish drafts",
  "Versions",
  "Languages",
  "Legal checks",
  "Edit",
  "Not translated",
  "Complete",
];

function expectArabic(path: string, page: string): void {
  expect([path, /<html lang="ar" dir="rtl">/.test(page)]).toEqual([path, true]);
  const text = shown(page);
  expect([path, text.includes("staff:")]).toEqual([path, false]);
  expect([path, keys.filter((k) => text.includes(k))]).toEqual([path, []]);
  expect([path, ENGLISH.filter((w) => new RegExp(`\\b${w}\\b`).test(text))]).toEqual([path, []]);
}

test("an admin who chose Arabic reads every staff page in Arabic, right to left; people's own words keep their language", async () => {
  const person = await conversation(h, { lang: "ar" });
  await person.send("مساعدة");
  const contact = await prisma().contact.findFirstOrThrow({ where: { address: person.phone } });
  const partner = await prisma().partner.findUniqueOrThrow({ where: { code: "alpha" } });
  await createReferral(prisma(), {
    contactId: contact.id,
    partnerId: partner.id,
    service: "legal",
    name: "أمل",
    consentAt: new Date(),
  });
  await seedNeeds(prisma(), [{ text: "أحتاج إلى مأوى", urgency: "today" }, { category: "legal" }]);

  const { c: admin } = await signedIn(h, "admin", { ip: freshIp() });
  expect((await admin.post("/staff/account/language", { locale: "ar" })).headers.get("location")).toBe(
    "/staff/account?done=language",
  );
  await admin.post(`/staff/conversations/${contact.id}/take`);
  await admin.post(`/staff/conversations/${contact.id}/note`, { text: "ملاحظة" });
  await admin.post("/staff/canned", { kind: "text", name: "ترحيب", text_en: "Hello", text_ar: "مرحبا" });

  const pages = [
    "/staff/account?done=language",
    "/staff/inbox",
    "/staff/inbox?view=mine",
    `/staff/conversations/${contact.id}`,
    `/staff/conversations/${contact.id}/erase`,
    "/staff/conversations/999999",
    "/staff/search",
    "/staff/search?q=%D9%85%D8%B3%D8%A7%D8%B9%D8%AF%D8%A9",
    "/staff/referrals",
    "/staff/needs",
    "/staff/partners",
    `/staff/partners/${partner.id}`,
    "/staff/cases",
    "/staff/users",
    "/staff/audit",
    "/staff/canned",
    "/staff/canned/new",
    "/staff/texts",
    "/staff/texts/locales",
  ];
  for (const path of pages) {
    const res = await admin.request(path);
    expect([path, res.status]).toEqual([path, path.endsWith("999999") ? 404 : 200]);
    expectArabic(path, await res.text());
  }
  const page = await (await admin.request(`/staff/conversations/${contact.id}`)).text();
  // the person's words keep their own direction and language inside the right-to-left page
  expect(page).toMatch(/<div class="text" dir="auto" lang="ar">/);
  expect(page).toContain("<h2>الشخص</h2>");
  expect(page).toContain("<summary>إغلاق</summary>");
}, 120_000);

test("before sign-in the browser's language is used (Accept-Language), English when the app does not speak it", async () => {
  const page = async (language: string) =>
    (await staffClient(h.server.url).request("/staff/login", { headers: { "accept-language": language } })).text();
  expectArabic("/staff/login", await page("ar-SY,ar;q=0.9,en;q=0.5"));
  expect(await page("fr-FR,fr;q=0.9")).toMatch(/<html lang="fr" dir="ltr">[\s\S]*<h1>Connexion<\/h1>/);
  expect(await page("de-DE")).toMatch(/<html lang="en" dir="ltr">[\s\S]*<h1>Sign in<\/h1>/);
});

test("the language is the account's: French for one caseworker leaves English for another, and a code the app lacks is refused", async () => {
  const { c: french } = await signedIn(h, "caseworker", { ip: freshIp() });
  const { c: other } = await signedIn(h, "caseworker", { ip: freshIp() });
  expect((await french.post("/staff/account/language", { locale: "de" })).status).toBe(400);
  await french.post("/staff/account/language", { locale: "fr" });
  const inbox = await (await french.request("/staff/inbox")).text();
  expect(inbox).toMatch(/<html lang="fr" dir="ltr">/);
  expect(inbox).toContain("<h1>Boîte de réception</h1>");
  expect(await (await other.request("/staff/inbox")).text()).toContain("<h1>Inbox</h1>");
  const account = await (await french.request("/staff/account")).text();
  expect(account).toMatch(/<option value="ar" lang="ar">العربية<\/option>/);
  expect(account).toMatch(/<option value="fr" lang="fr" selected>Français<\/option>/);
});
