import { request } from "node:http";
import { referralsReceivedByPartner } from "../../src/domain/insights/outcomes-repository.ts";
import { createReferral } from "../../src/domain/partners/repository.ts";
import { harnessForFile } from "../support/harness.ts";
import { aPartner, linkOf, seenOnce, signedIn, walkPages } from "../support/staff.ts";

const h = harnessForFile();

let ips = 0;
// each client from its own address, so the sign-in limit never trips across tests
const signIn = async (role: "admin" | "caseworker" | "analyst") =>
  (await signedIn(h, role, { ip: `10.8.0.${++ips}` })).c;
const prisma = () => h.server.db.prisma;
const PHONE = "+306900000123";

let contacts = 0;
async function aReferral(code: string) {
  const partner = await aPartner(h, code);
  const contact = await prisma().contact.create({ data: { channel: "whatsapp", address: `${PHONE}${++contacts}` } });
  return createReferral(prisma(), {
    contactId: contact.id,
    partnerId: partner.id,
    service: "legal",
    name: "Amira",
    consentAt: new Date("2026-11-01T10:00:00Z"),
  });
}

test("referrals: listed without the phone number, filtered by status, moved forward and audited; a backwards move is refused", async () => {
  const r = await aReferral("ref-one");
  const c = await signIn("caseworker");
  const list = await (await c.request("/staff/referrals")).text();
  expect(list).toContain("Partner ref-one");
  expect(list).toContain("Amira");
  expect(list).toContain('<td data-label="Service">Legal help</td>');
  expect(list).not.toContain(PHONE);

  const moved = await c.post(`/staff/referrals/${r.id}/status`, { status: "contacted" });
  expect(moved.status).toBe(303);
  expect((await prisma().referral.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("contacted");
  expect(
    await prisma().auditLog.findFirst({ where: { action: "referral_status", contactId: r.contactId } }),
  ).toMatchObject({ detail: { referral: r.id, from: "new", to: "contacted" } });

  const back = await c.post(`/staff/referrals/${r.id}/status`, { status: "new" });
  expect(back.status).toBe(409);
  expect(await back.text()).toMatch(/Not changed: a referral only moves forward/);
  expect((await prisma().referral.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("contacted");
  expect((await c.post("/staff/referrals/999999/status", { status: "closed" })).status).toBe(404);
  expect(await prisma().auditLog.count({ where: { action: "referral_status", contactId: r.contactId } })).toBe(1);

  expect(await (await c.request("/staff/referrals?status=new")).text()).not.toContain("Partner ref-one");
  expect(await (await c.request("/staff/referrals?status=contacted")).text()).toContain("Partner ref-one");
});

test("a partner's account: its own referrals with name and phone, not another partner's (404) nor other pages (403); moves them forward, audited with its account", async () => {
  const mine = await aReferral("ref-mine");
  const theirs = await aReferral("ref-theirs");
  const phone = (await prisma().contact.findUniqueOrThrow({ where: { id: mine.contactId ?? 0 } })).address;
  const { c, user } = await signedIn(h, "partner", { ip: `10.8.0.${++ips}`, partnerId: mine.partnerId });
  const today = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
  const confirmedBefore = await referralsReceivedByPartner(prisma(), {}, today);

  expect((await c.request("/staff")).headers.get("location")).toBe("/staff/referrals");
  const list = await (await c.request("/staff/referrals")).text();
  expect(list).toContain("Partner ref-mine");
  expect(list).toContain("Amira");
  expect(list).toContain(`<a href="tel:${phone}" dir="ltr">${phone}</a>`);
  expect(list).not.toContain("Partner ref-theirs");
  expect([...list.matchAll(/<nav class="row">.*?<\/nav>/gs)][0]?.[0].match(/href="\/staff\/[^"]+"/g)).toEqual([
    'href="/staff/referrals"',
  ]);
  for (const path of ["/staff/inbox", "/staff/search", "/staff/partners", "/staff/needs", "/staff/users"])
    expect([path, (await c.request(path)).status]).toEqual([path, 403]);
  expect((await c.request(`/staff/conversations/${mine.contactId}`)).status).toBe(403);

  expect((await c.post(`/staff/referrals/${theirs.id}/status`, { status: "contacted" })).status).toBe(404);
  expect((await prisma().referral.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("new");

  for (const status of ["contacted", "received"])
    expect((await c.post(`/staff/referrals/${mine.id}/status`, { status })).status).toBe(303);
  expect((await prisma().referral.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("received");
  const audited = await prisma().auditLog.findMany({
    where: { action: "referral_status", contactId: mine.contactId },
    orderBy: { id: "asc" },
  });
  expect(audited.map((a) => [a.staffUserId, a.detail])).toEqual([
    [user.id, { referral: mine.id, from: "new", to: "contacted" }],
    [user.id, { referral: mine.id, from: "contacted", to: "received" }],
  ]);
  // the outcomes page counts it as confirmed by the partner itself
  expect(await referralsReceivedByPartner(prisma(), {}, today)).toBe(confirmedBefore + 1);
  expect((await c.post(`/staff/referrals/${mine.id}/status`, { status: "accepted" })).status).toBe(409);
  expect((await prisma().referral.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("received");
});

test("the accounts page adds a partner's account with the partner picked, and refuses the role without one or a partner for another role", async () => {
  const partner = await aPartner(h, "acct-partner");
  const admin = await signIn("admin");
  const page = await (await admin.request("/staff/users")).text();
  expect(page).toContain(`<option value="acct-partner">Partner acct-partner</option>`);
  const password = "quiet harbour pencil drift";
  const add = (email: string, role: string, code: string) =>
    admin.post("/staff/users", { email, role, partner: code, password, languages: "" });
  expect((await add("np1@example.org", "partner", "")).status).toBe(400);
  expect((await add("np2@example.org", "caseworker", "acct-partner")).status).toBe(400);
  expect(await prisma().staffUser.count({ where: { email: { in: ["np1@example.org", "np2@example.org"] } } })).toBe(0);
  expect((await add("np3@example.org", "partner", "acct-partner")).status).toBe(303);
  expect(await prisma().staffUser.findUniqueOrThrow({ where: { email: "np3@example.org" } })).toMatchObject({
    role: "partner",
    partnerId: partner.id,
  });
  expect(await (await admin.request("/staff/users")).text()).toMatch(/np3@example\.org.*?Partner acct-partner/s);
});

test("roles: analysts open none of these pages; caseworkers no partners or cases", async () => {
  const r = await aReferral("ref-roles");
  const analyst = await signIn("analyst");
  for (const path of ["/staff/referrals", "/staff/partners", "/staff/cases"]) {
    const res = await analyst.request(path);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(PHONE);
  }
  expect((await analyst.post(`/staff/referrals/${r.id}/status`, { status: "closed" })).status).toBe(403);
  const caseworker = await signIn("caseworker");
  for (const path of ["/staff/partners", `/staff/partners/${r.partnerId}`, "/staff/cases"])
    expect((await caseworker.request(path)).status).toBe(403);
  expect((await caseworker.post("/staff/cases/import", { csv: "case_number,stage\nX-1,registered" })).status).toBe(403);
  const nav = await (await caseworker.request("/staff/referrals")).text();
  expect(nav).toContain('href="/staff/referrals"');
  expect(nav).not.toContain('href="/staff/partners"');
});

test("partners: an edit with a bad value is refused with the reason; a good one is saved and audited", async () => {
  const { partnerId } = await aReferral("edit-me");
  const c = await signIn("admin");
  const partners = await (await c.request("/staff/partners")).text();
  expect(partners).toContain(`href="/staff/partners/${partnerId}"`);
  expect(partners).toContain("<span>Legal help</span><span>Athens</span>");
  const form = {
    code: "edit-me",
    name: "Edited",
    services: "legal; food",
    areas: "athens",
    languages: "en; el",
    phone: "+30 210 000 0001",
    whatsapp: "",
    email: "",
    address: "",
    hours: "Mon-Fri 9-12",
    active: "yes",
  };
  const bad = await c.post(`/staff/partners/${partnerId}`, { ...form, languages: "en; xx", email: "not-an-email" });
  expect(bad.status).toBe(400);
  const page = await bad.text();
  expect(page).toContain("unknown language &quot;xx&quot;");
  expect(page).toContain("email: not an email address");
  expect((await prisma().partner.findUniqueOrThrow({ where: { id: partnerId } })).name).toBe("Partner edit-me");

  await aReferral("taken-code");
  const taken = await c.post(`/staff/partners/${partnerId}`, { ...form, code: "taken-code" });
  expect(taken.status).toBe(409);
  expect(await taken.text()).toContain("code: &quot;taken-code&quot; belongs to another partner");
  expect((await c.post("/staff/partners/999999", form)).status).toBe(404);
  expect(await prisma().auditLog.count({ where: { action: "partner_updated" } })).toBe(0);

  expect((await c.post(`/staff/partners/${partnerId}`, form)).status).toBe(303);
  expect(await prisma().partner.findUniqueOrThrow({ where: { id: partnerId } })).toMatchObject({
    name: "Edited",
    services: ["legal", "food"],
    languages: ["en", "el"],
    hours: "Mon-Fri 9-12",
    active: true,
  });
  expect(await prisma().auditLog.count({ where: { action: "partner_updated" } })).toBe(1);
});

test("partners: a pasted CSV keeps the good rows and reports the bad one by line and column", async () => {
  const c = await signIn("admin");
  // 320 more rows: the paste is larger than the 32kb the app's other forms may post
  const more = Array.from(
    { length: 320 },
    (_, i) =>
      `paste-bulk-${i},Bulk partner number ${i},legal;documentation,athens;samos,en;el,+30 210 000 ${String(i).padStart(4, "0")},Mon-Fri 9-12`,
  );
  const csv = [
    "code,name,services,areas,languages,phone,hours",
    "paste-a,Paste A,legal,athens,en,+30 210 000 0001,Mon 9-12",
    "paste-bad,Paste Bad,legal,athens,xx,+30 210 000 0002,Mon 9-12",
    ...more,
  ].join("\n");
  expect(csv.length).toBeGreaterThan(32 * 1024);
  const res = await c.post("/staff/partners/import", { csv });
  expect(res.status).toBe(400);
  const page = await res.text();
  expect(page).toContain(
    "pasted CSV: 322 rows, 321 saved (321 new, 0 updated), 1 refused\n  line 3, column languages: unknown language &quot;xx&quot;",
  );
  expect(await prisma().partner.count({ where: { code: { startsWith: "paste-" } } })).toBe(321);
});

test("cases: a pasted CSV is imported with its report; the list shows no factor hash", async () => {
  const c = await signIn("admin");
  const csv = [
    "case_number,factor_kind,factor,stage,next_appointment,next_step",
    "PASTE-001,pin,4321,registered,2027-01-10T09:00Z,Bring your papers",
    "PASTE-002,pin,4321,no_such_stage,,",
  ].join("\n");
  const res = await c.post("/staff/cases/import", { csv });
  expect(res.status).toBe(400);
  const page = await res.text();
  expect(page).toContain("pasted CSV: 2 rows, 1 saved (1 new, 0 updated), 1 refused\n  line 3, column stage: ");
  const saved = await prisma().case.findUniqueOrThrow({ where: { caseKey: "PASTE001" } });
  const list = await (await c.request("/staff/cases")).text();
  expect(list).toContain("PASTE-001");
  expect(list).toContain("2027-01-10 09:00");
  expect(list).not.toContain(saved.factorHash);
  expect(list).not.toContain("argon2");
});

// Paging: more rows than a page, walked by the "next" links from the first page.
const range = (n: number) => Array.from({ length: n }, (_, i) => String(i).padStart(3, "0"));

test("paging: referrals walked page by page with their status filter, each one seen once", async () => {
  const partner = await prisma().partner.create({
    data: {
      code: "walk-referrals",
      name: "Walk partner",
      services: ["legal"],
      areas: ["athens"],
      languages: ["en"],
      phone: "+30 210 000 0009",
      hours: "Mon 9-12",
    },
  });
  const contact = await prisma().contact.create({ data: { channel: "sms", address: "+306900000999" } });
  // same creation time for all: the id keeps the order stable across pages
  const createdAt = new Date("2026-11-02T10:00:00Z");
  await prisma().referral.createMany({
    data: range(130).map((i) => ({
      contactId: contact.id,
      partnerId: partner.id,
      service: "legal",
      name: `walk-ref-${i}`,
      consentAt: createdAt,
      createdAt,
      status: Number(i) < 120 ? "contacted" : "new",
    })),
  });
  const c = await signIn("caseworker");
  const { pages, links } = await walkPages(c, "/staff/referrals?status=contacted");
  const total = await prisma().referral.count({ where: { status: "contacted" } });
  expect(pages.length).toBe(Math.ceil(total / 50));
  expect([...seenOnce(pages, /walk-ref-\d+/g)].sort()).toEqual(range(120).map((i) => `walk-ref-${i}`));
  for (const link of links.slice(1)) expect(link).toMatch(/^\/staff\/referrals\?status=contacted&page=\d+$/);
  expect(pages.join("")).not.toMatch(/<span class="badge">new<\/span>/);
  expect(pages[0]).toContain(`1–50 of ${total}`);
  expect(linkOf(pages[1] ?? "", "prev")).toBe("/staff/referrals?status=contacted");
  expect(linkOf(pages[0] ?? "", "prev")).toBeUndefined();
});

test("paging: partners, cases and a conversation's audit log walked page by page, each row seen once", async () => {
  await prisma().partner.createMany({
    data: range(60).map((i) => ({
      code: `walk-partner-${i}`,
      name: `Walk partner ${i}`,
      services: ["food"],
      areas: ["athens"],
      languages: ["en"],
      phone: "+30 210 000 0010",
      hours: "Mon 9-12",
    })),
  });
  await prisma().case.createMany({
    data: range(110).map((i) => ({
      caseNumber: `WALK-${i}`,
      caseKey: `WALK${i}`,
      factorKind: "pin",
      factorHash: "not-a-real-hash",
      stage: "registered",
    })),
  });
  const contact = await prisma().contact.create({ data: { channel: "sms", address: "+306900000998" } });
  await prisma().auditLog.createMany({
    data: range(75).map((i) => ({ staffUserId: null, action: `walked_${i}`, contactId: contact.id })),
  });
  const c = await signIn("admin");

  const partners = await walkPages(c, "/staff/partners");
  expect(seenOnce(partners.pages, /walk-partner-\d+/g).size).toBe(60);
  expect(partners.pages.length).toBe(Math.ceil((await prisma().partner.count()) / 50));

  const cases = await walkPages(c, "/staff/cases");
  expect(seenOnce(cases.pages, /WALK-\d+/g).size).toBe(110);
  expect(cases.pages[0]).toContain(`1–50 of ${await prisma().case.count()}`);

  const audit = await walkPages(c, `/staff/audit?contact=${contact.id}`);
  expect(audit.pages.length).toBe(2);
  // each entry's action in bold (the filter's list of actions names them all on every page)
  expect([...seenOnce(audit.pages, /<strong>walked_\d+<\/strong>/g)].map((m) => m.slice(8, -9)).sort()).toEqual(
    range(75).map((i) => `walked_${i}`),
  );
  expect(audit.links[1]).toBe(`/staff/audit?contact=${contact.id}&page=2`);
  // newest first: the first page holds the last 50 written
  expect(audit.pages[0]).toContain("<strong>walked_074</strong>");
  expect(audit.pages[1]).toContain("<strong>walked_000</strong>");
  // a page past the end shows none of them and leads back
  const past = await (await c.request(`/staff/audit?contact=${contact.id}&page=9`)).text();
  expect(past).not.toMatch(/<strong>walked_\d+/);
  expect(linkOf(past, "prev")).toBe(`/staff/audit?contact=${contact.id}&page=8`);
});

test("ids that are not ours in staff addresses (beyond Int, not whole numbers, not numbers) get 404, not 500", async () => {
  const admin = await signIn("admin");
  const results: Record<string, number> = {};
  for (const id of ["2147483648", "1.5", "abc", "0", "-1", "1e3"]) {
    for (const path of [
      `/staff/conversations/${id}`,
      `/staff/conversations/${id}/transcript`,
      `/staff/conversations/${id}/erase`,
      `/staff/partners/${id}`,
    ]) {
      results[path] = (await admin.request(path)).status;
    }
    for (const path of [
      `/staff/users/${id}/disable`,
      `/staff/referrals/${id}/status`,
      `/staff/partners/${id}`,
      `/staff/conversations/${id}/take`,
      `/staff/conversations/${id}/note`,
      `/staff/conversations/${id}/erase`,
    ]) {
      results[`POST ${path}`] = (await admin.post(path, { status: "contacted", text: "x" })).status;
    }
  }
  expect(Object.entries(results).filter(([, status]) => status !== 404)).toEqual([]);
  // the largest Int is a fine id that names no one; an audit filter that is not an id is dropped
  expect((await admin.request("/staff/conversations/2147483647")).status).toBe(404);
  expect((await admin.request("/staff/audit?contact=1.5")).status).toBe(200);
  expect((await admin.request("/staff/audit?contact=2147483648")).status).toBe(200);
});

/**
 * A POST announcing a body of `size` bytes of which only the first 64 KB are sent: the status of the
 * answer, which must come before the rest of the body (a server that reads the body first never answers).
 */
function answerBeforeBody(
  url: string,
  headers: Record<string, string>,
  size = 1_900_000,
  method = "POST",
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(size), ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", () => {}); // the server closes the connection on its answer
    req.write(`csv=${"a".repeat(64 * 1024)}`);
    setTimeout(() => {
      reject(new Error(`${url}: no answer before the whole body was sent`));
      req.destroy();
    }, 3_000);
  });
}

test("a large body is refused before it is read: without a session, without the role, or sent from another site; each form has its own size limit", async () => {
  const url = `${h.server.url}/staff/partners/import`;
  expect(await answerBeforeBody(url, {})).toBe(401);
  // any method that carries a body, not only POST; and the needs queue's larger forms
  for (const method of ["PUT", "DELETE", "PATCH"]) expect(await answerBeforeBody(url, {}, 1_900_000, method)).toBe(401);
  expect(await answerBeforeBody(`${h.server.url}/staff/needs`, {}, 200_000)).toBe(401);
  const caseworker = await signIn("caseworker");
  expect(await answerBeforeBody(url, { cookie: caseworker.cookie() })).toBe(403);
  const admin = await signIn("admin");
  expect(await answerBeforeBody(url, { cookie: admin.cookie(), "sec-fetch-site": "cross-site" })).toBe(403);
  expect(
    await answerBeforeBody(`${h.server.url}/staff/conversations/1/note`, {
      cookie: caseworker.cookie(),
      "sec-fetch-site": "same-site",
    }),
  ).toBe(403);
  // the browser's own forms pass, and the imports take a file larger than other forms may be
  const csv = `code,name,services,areas,languages,phone,hours\n${Array.from({ length: 600 }, (_, i) => `big-${i},Partner ${i},legal,athens,en,+30 210 000 0000,Mon-Fri 09-17`).join("\n")}`;
  expect(csv.length).toBeGreaterThan(40_000);
  const imported = await admin.request("/staff/partners/import", { form: { _csrf: admin.csrf, csv } });
  expect(imported.status).toBe(200);
  // the sign-in form is small; the app's other forms a little larger
  const big = (n: number) => ({ email: "a@example.org", password: "x".repeat(n) });
  expect(
    (await fetch(`${h.server.url}/staff/login`, { method: "POST", body: new URLSearchParams(big(5_000)) })).status,
  ).toBe(413);
  const tooLong = await caseworker.post("/staff/conversations/1/note", { text: "x".repeat(40_000) });
  expect([tooLong.status, tooLong.headers.get("content-type")]).toEqual([413, expect.stringMatching(/^text\/html/)]);
  expect(await tooLong.text()).toContain("This form is too long to send. Shorten the text");
}, 60_000);
