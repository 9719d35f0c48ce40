import { createReferral } from "../../src/domain/partners/repository.ts";
import { seedCasesAndPartner } from "../support/directory.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { askedIfHelped, conversation, hear, playLive, say } from "../support/live-transcript.ts";
import { reportNeedSteps } from "../support/needs.ts";
import { signedIn } from "../support/staff.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ TIME_ZONE: "Europe/Athens" });
  await seedCasesAndPartner(prisma());
}, 60_000);
afterAll(() => h.close());

const prisma = () => h.server.db.prisma;
const contactOf = (phone: string) => prisma().contact.findFirstOrThrow({ where: { address: phone } });
const earlierLink = (page: string) =>
  /<a href="([^"]+)" rel="prev">Earlier messages<\/a>/.exec(page)?.[1]?.replaceAll("&amp;", "&");

test("the newest 50 messages, oldest at the top and the reply box under the newest; earlier ones a page at a time that stays put", async () => {
  const c = await conversation(h, { lang: "en" });
  await c.send("HELP");
  for (let i = 1; i <= 60; i++) await c.send(`msg-${String(i).padStart(3, "0")}`);
  const id = (await contactOf(c.phone)).id;
  const { c: staff } = await signedIn(h, "caseworker");
  await staff.post(`/staff/conversations/${id}/take`);
  const page = await (await staff.request(`/staff/conversations/${id}`)).text();
  const shown = page.match(/msg-\d{3}/g) ?? [];
  // 62 messages: HELP, the notice, then 60; the newest 50 are msg-011 to msg-060, in order
  expect(shown).toEqual(Array.from({ length: 50 }, (_, i) => `msg-${String(i + 11).padStart(3, "0")}`));
  expect(page.indexOf("msg-060")).toBeLessThan(page.indexOf('id="reply"'));
  expect(page).toContain('<a href="#latest">Jump to latest</a>');

  const earlier = earlierLink(page);
  expect(earlier).toMatch(new RegExp(`^/staff/conversations/${id}\\?before=\\d+#transcript-end$`));
  await c.send("msg-061"); // a new message does not shift the earlier page
  for (const _ of [1, 2]) {
    const older = await (await staff.request(earlier!.replace(/#.*/, ""))).text();
    expect(older.match(/msg-\d{3}/g)).toEqual(
      Array.from({ length: 10 }, (_, i) => `msg-${String(i + 1).padStart(3, "0")}`),
    );
    expect(older).toContain("HELP");
    expect(earlierLink(older)).toBeUndefined();
    // no reply box on an earlier page: a way back to the newest instead, and no live refresh
    expect(older).not.toContain('id="reply"');
    expect(older).toContain(`<a href="/staff/conversations/${id}#latest">Jump to latest</a>`);
    expect(older).not.toContain("data-live");
  }
  // the live refresh shows the newest page too
  const live = await (await staff.request(`/staff/conversations/${id}/transcript`)).text();
  expect(live).toContain("msg-061");
  expect(live).not.toContain("msg-011");
}, 90_000);

test("the bot's menus fold to their question; every bubble takes its own direction and the person's language", async () => {
  const c = await conversation(h, { lang: "ar" });
  await c.send("مرحبا، أحتاج مساعدة.");
  const id = (await contactOf(c.phone)).id;
  const { c: admin } = await signedIn(h, "admin");
  const page = await (await admin.request(`/staff/conversations/${id}`)).text();
  expect(page).toContain('<div class="text" dir="auto" lang="ar">مرحبا، أحتاج مساعدة.</div>');
  const menu =
    /<details class="menu"><summary><span dir="auto" lang="ar">([^<]+)<\/span> <span class="meta">\(menu, (\d+) choices\)<\/span><\/summary>/.exec(
      page,
    );
  expect(menu?.[1]).toMatch(/كيف يمكننا مساعدتك/);
  expect(Number(menu?.[2])).toBe(7);
}, 60_000);

test("hand back and close ask first, in the page (no script needed); the deed itself is the same POST", async () => {
  const c = await conversation(h, { lang: "en" });
  await c.send("HELP");
  const id = (await contactOf(c.phone)).id;
  const { c: staff } = await signedIn(h, "caseworker");
  const page = await (await staff.request(`/staff/conversations/${id}`)).text();
  for (const [summary, question, action, yes] of [
    ["Hand back to the bot", "Hand this person back to the bot?", "hand-back", "Yes, hand back"],
    ["Close", "Close this conversation?", "close", "Yes, close it"],
  ])
    expect(page).toMatch(
      new RegExp(
        `<details class="confirm"><summary>${summary}</summary><div class="card"><p>${question}[^<]*</p><form class="inline" method="post" action="/staff/conversations/${id}/${action}">.*?<button>${yes}</button></form></div></details>`,
      ),
    );
  expect((await staff.post(`/staff/conversations/${id}/close`)).headers.get("location")).toContain("done=close");
}, 60_000);

test("the person at a glance: language, channel, contacts, needs, referrals, the case they checked, handoffs and notes; the number whole for admins only", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...reportNeedSteps("3", "1", "1"),
    hear(/own words/),
    say("A lawyer for my asylum appeal"),
    hear(/reference number is (N-\w{5})/),
    say("2"),
    hear(/send your case number/),
    say("demo-1001"),
    hear(/send your PIN/),
    say("1234"),
    hear(/Interview scheduled/),
    askedIfHelped(),
  ]);
  const contact = await contactOf(c.phone);
  const need = await prisma().need.findFirstOrThrow({ where: { contactId: contact.id } });
  const partner = await prisma().partner.findUniqueOrThrow({ where: { code: "alpha" } });
  await createReferral(prisma(), {
    contactId: contact.id,
    partnerId: partner.id,
    service: "legal",
    name: "Amal",
    consentAt: new Date(),
  });
  await c.send("HELP");
  const { c: first } = await signedIn(h, "caseworker");
  await first.post(`/staff/conversations/${contact.id}/take`);
  await first.post(`/staff/conversations/${contact.id}/note`, { text: "Appeal hearing next month" });
  await first.post(`/staff/conversations/${contact.id}/hand-back`);

  const { c: caseworker } = await signedIn(h, "caseworker");
  const page = await (await caseworker.request(`/staff/conversations/${contact.id}`)).text();
  const panel = /<aside class="person card"[\s\S]*<\/aside>/.exec(page)?.[0] ?? "";
  expect(panel).toContain(`<dd dir="ltr">•••${c.phone.slice(-4)}</dd>`);
  expect(panel).not.toContain(c.phone);
  expect(panel).toContain("<dt>Language</dt><dd>English (en)</dd>");
  expect(panel).toContain("<dt>Channel</dt><dd>WhatsApp</dd>");
  expect(panel).toMatch(/<dt>First contact<\/dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d EET<\/dd>/);
  expect(panel).toContain(`<strong>${need.reference}</strong>`);
  expect(panel).toContain("A lawyer for my asylum appeal");
  expect(panel).toMatch(/<a href="\/staff\/referrals\?status=new">Legal help<\/a> to Alpha Legal Athens/);
  expect(panel).toMatch(/<strong dir="ltr">DEMO-1001<\/strong> <span class="badge">verified<\/span>/);
  expect(panel).toMatch(/handed back to the bot\s+by caseworker/);
  expect(panel).toMatch(/taken\s+by caseworker/);
  expect(panel).toContain("Appeal hearing next month");
  // links to the pages only admins open are for admins
  expect(panel).not.toContain("/staff/partners/");
  expect(panel).not.toContain("/staff/audit");

  const { c: admin } = await signedIn(h, "admin");
  const adminPanel = /<aside class="person card"[\s\S]*<\/aside>/.exec(
    await (await admin.request(`/staff/conversations/${contact.id}`)).text(),
  )?.[0];
  expect(adminPanel).toContain(`<dd dir="ltr">${c.phone}</dd>`);
  expect(adminPanel).toContain(`<a href="/staff/partners/${partner.id}">Alpha Legal Athens</a>`);
  expect(adminPanel).toContain(`<a href="/staff/audit?contact=${contact.id}&amp;action=handed_back">`);
  expect(adminPanel).toMatch(/<a href="\/staff\/cases"><strong dir="ltr">DEMO-1001<\/strong><\/a>/);
}, 90_000);
