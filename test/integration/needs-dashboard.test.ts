import { needAggregates, needExportBatches } from "../../src/domain/needs/dashboard-repository.ts";
import { parseAssessment } from "../../src/domain/needs/export.ts";
import { applyNeedRetention } from "../../src/domain/needs/retention.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedNeeds, times } from "../support/needs.ts";
import { signedIn } from "../support/staff.ts";

let h: Harness;
let phones: string[] = [];
let ids: number[] = [];
const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (d: number) => new Date(now - d * DAY);

beforeAll(async () => {
  h = await startHarness();
  const seeded = await seedNeeds(h.server.db.prisma, [
    ...times(7, { category: "shelter", urgency: "today", area: "athens", language: "ar", createdAt: daysAgo(2) }),
    ...times(3, {
      category: "legal",
      urgency: "week",
      area: "lesvos",
      language: "fa",
      channel: "sms",
      createdAt: daysAgo(9),
    }),
    ...times(5, { category: "health", urgency: "can_wait", area: "athens", language: "fr", createdAt: daysAgo(20) }),
    // a person who typed their own number into the text
    {
      category: "food",
      urgency: "today",
      area: "samos",
      language: "en",
      text: "call me on +30 691 234 5678 please",
      createdAt: daysAgo(1),
    },
  ]);
  ids = seeded.ids;
  phones = seeded.phones;
}, 60_000);
afterAll(async () => {
  await h?.close();
});

test("only analysts and admins open the needs dashboard; caseworkers get 403; no session -> sign-in", async () => {
  const anonymous = await fetch(`${h.server.url}/staff/needs`, {
    redirect: "manual",
    headers: { accept: "text/html" },
  });
  expect(anonymous.status).toBe(303);
  expect((await fetch(`${h.server.url}/staff/needs/export.csv`, { headers: { accept: "text/csv" } })).status).toBe(401);
  const caseworker = (await signedIn(h, "caseworker")).c;
  expect((await caseworker.request("/staff/needs")).status).toBe(403);
  expect((await caseworker.request("/staff/needs/export.csv")).status).toBe(403);
  expect(
    (await caseworker.post("/staff/needs/bulk", { action: "status", status: "resolved", ids: String(ids[0]) })).status,
  ).toBe(403);
  expect((await (await signedIn(h, "admin")).c.request("/staff/needs")).status).toBe(200);
  const analyst = (await signedIn(h, "analyst")).c;
  expect((await analyst.request("/staff/needs")).status).toBe(200);
  // and the analyst still cannot read conversations
  expect((await analyst.request("/staff/inbox")).status).toBe(403);
});

test("aggregates count by category, week and urgency, area and language in one query", async () => {
  const a = await needAggregates(h.server.db.prisma, {});
  expect(a.total).toBe(16);
  expect(a.byCategory).toEqual([
    { key: "shelter", n: 7 },
    { key: "health", n: 5 },
    { key: "legal", n: 3 },
    { key: "food", n: 1 },
  ]);
  expect(a.byArea).toEqual([
    { key: "athens", n: 12 },
    { key: "lesvos", n: 3 },
    { key: "samos", n: 1 },
  ]);
  expect(a.byLanguage.map((x) => x.key)).toEqual(["ar", "fr", "fa", "en"]);
  expect(a.byWeek.reduce((s, w) => s + w.n, 0)).toBe(16);
  expect(a.byWeek.filter((w) => w.urgency === "today").reduce((s, w) => s + w.n, 0)).toBe(8);
  for (const w of a.byWeek) expect(w.week.getUTCDay()).toBe(1); // weeks start on Monday
});

test("counts below 5 show as <5 in the page's tables and charts and in the counts export", async () => {
  const { c } = await signedIn(h, "analyst");
  const page = await (await c.request("/staff/needs")).text();
  expect(page).toMatch(/<svg[^>]*aria-label="Needs per category"/);
  expect(page).toMatch(/<svg[^>]*aria-label="Needs per week, by urgency"/);
  expect(page).toContain('<th scope="row">Legal help</th><td>&lt;5</td>');
  expect(page).toContain('<th scope="row">Shelter</th><td>7</td>');
  expect(page).toContain('<th scope="row">Health care</th><td>5</td>');
  expect(page).toMatch(/<text[^>]*class="count">&lt;5<\/text>/);
  expect(page).not.toMatch(/<td>[1-4]<\/td>|class="count">[1-4]</);
  const csv = await (await c.request("/staff/needs/aggregates.csv")).text();
  expect(csv).toContain("category,legal,,<5\r\n");
  expect(csv).toContain("category,shelter,,7\r\n");
  expect(csv).toContain("language,en,,<5\r\n");
  expect(csv).not.toMatch(/,[1-4]\r\n/);
});

test("areas and categories show by their English labels; filters and exports keep the ids", async () => {
  // a place the person named themselves, removed again at the end for the other tests
  const {
    ids: [kos],
  } = await seedNeeds(h.server.db.prisma, [
    { category: "womens_health", area: "other", areaOther: "Kos, call +30 691 234 5678" },
  ]);
  try {
    const { c } = await signedIn(h, "analyst");
    const page = await (await c.request("/staff/needs")).text();
    // the charts, their tables and the filters
    expect(page).toMatch(/<text[^>]*text-anchor="end">Athens<\/text>/);
    expect(page).toContain('<th scope="row">Athens</th><td>12</td>');
    expect(page).toContain('<th scope="row">Somewhere else</th><td>&lt;5</td>');
    expect(page).toMatch(/<option value="athens" >Athens<\/option>/);
    expect(page).toMatch(/<option value="womens_health" >Women&#39;s health<\/option>/);
    // the queue
    expect(page).toContain("<td>Somewhere else: Kos, call [number]</td>");
    expect(page).toContain("<td>Women&#39;s health</td>");
    expect(page).not.toMatch(/<td>athens<\/td>|>other: /);
    const rows = await (await c.request("/staff/needs/export.csv?area=other")).text();
    expect(rows).toMatch(/,womens_health,,week,,other,ar,whatsapp,new,/);
    const counts = await (await c.request("/staff/needs/aggregates.csv")).text();
    expect(counts).toContain("area,athens,,12\r\n");
    expect(counts).toContain("area,other,,<5\r\n");
  } finally {
    await h.server.db.prisma.need.delete({ where: { id: kos } });
  }
});

test("filters narrow the counts, the queue and the exports", async () => {
  const { c } = await signedIn(h, "analyst");
  const page = await (await c.request("/staff/needs?category=shelter&urgency=today&language=ar")).text();
  expect(page).toContain('<strong id="total">7 needs</strong>');
  expect((page.match(/name="ids"/g) ?? []).length).toBe(7);
  const period = `from=${daysAgo(10).toISOString().slice(0, 10)}&to=${daysAgo(5).toISOString().slice(0, 10)}`;
  expect(await (await c.request(`/staff/needs?${period}`)).text()).toContain('<strong id="total">&lt;5 needs</strong>');
  const sms = await (await c.request("/staff/needs/export.csv?channel=sms")).text();
  expect(sms.trim().split("\r\n")).toHaveLength(1 + 3);
  expect((await needAggregates(h.server.db.prisma, { area: "athens", status: "new" })).total).toBe(12);
  // the form's "all" is an empty value: no filter
  expect(await (await c.request("/staff/needs?category=&from=&area=athens")).text()).toContain(
    '<strong id="total">12 needs</strong>',
  );
  expect(await (await c.request("/staff/needs/aggregates.csv?category=&from=&area=athens")).text()).toContain(
    "\r\nfilters,area=athens,,\r\n",
  );
});

test("wrong filters are refused with the reason, never dropped: the page says so, exports answer 400 and are not made", async () => {
  const { c } = await signedIn(h, "analyst");
  const refused: [string, RegExp][] = [
    ["from=0000-01-01", /from: not a day of the calendar from 1970 on/],
    ["from=2026-13-45", /from: not a day of the calendar/],
    ["to=2026-02-30", /to: not a day of the calendar/],
    ["from=yesterday", /from: a date as YYYY-MM-DD/],
    ["category=x'%20OR%201=1--", /category: not a category/],
    ["area=athens&area=lesvos", /area: one value, not several/],
    ["from=2026-05-02&to=2026-05-01", /to: before from/],
  ];
  const audited = () => h.server.db.prisma.auditLog.count({ where: { action: "needs_exported" } });
  const exportsBefore = await audited();
  for (const [query, reason] of refused) {
    const page = await c.request(`/staff/needs?${query}`);
    expect([query, page.status]).toEqual([query, 400]);
    const text = (await page.text()).replaceAll("&#39;", "'");
    expect(text).toMatch(/These filters are wrong, so nothing is filtered \(all needs are shown\)/);
    expect(text).toMatch(reason);
    for (const path of ["/staff/needs/export.csv", "/staff/needs/aggregates.csv"]) {
      const res = await c.request(`${path}?${query}`);
      expect([query, res.status, res.headers.get("content-type")]).toEqual([
        query,
        400,
        expect.stringMatching(/^text\/plain/),
      ]);
      expect(await res.text()).toMatch(reason);
    }
  }
  expect(await audited()).toBe(exportsBefore);
});

test("no export contains a phone number; numbers typed into the text are masked; every export is audited", async () => {
  const { c, user } = await signedIn(h, "analyst");
  const rows = await (await c.request("/staff/needs/export.csv")).text();
  const counts = await (await c.request("/staff/needs/aggregates.csv?area=athens")).text();
  expect(rows.trim().split("\r\n")).toHaveLength(1 + 16);
  expect(rows.split("\r\n")[0]).toBe(
    "reference,reported_at,category,corrected_category,urgency,risk,area,language,channel,status,tags,attachments,text_erased_at,area_other,text",
  );
  expect(rows).toMatch(
    /\r\nN-T\d{4},\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,food,,today,,samos,en,whatsapp,new,,0,,,call me on \[number\] please\r\n/,
  );
  const contacts = await h.server.db.prisma.contact.findMany({ select: { address: true } });
  expect(contacts.length).toBeGreaterThanOrEqual(16);
  for (const csv of [rows, counts]) {
    for (const { address } of contacts) {
      expect(csv).not.toContain(address);
      expect(csv).not.toContain(address.slice(-7));
    }
    expect(csv).not.toMatch(/\d{7,}/);
  }
  expect(phones.every((p) => !rows.includes(p.slice(1)))).toBe(true);
  const audited = await h.server.db.prisma.auditLog.findMany({
    where: { staffUserId: user.id, action: "needs_exported" },
    orderBy: { id: "asc" },
  });
  expect(audited.map((a) => a.detail)).toEqual([
    { kind: "rows", rows: 16 },
    { kind: "aggregates", needs: 12, area: "athens" },
  ]);
});

test("numbers typed in Arabic-Indic or Persian digits are masked on the page and in the export", async () => {
  // removed again at the end for the other tests
  const { ids: typed } = await seedNeeds(h.server.db.prisma, [
    { text: "اتصل بي على ٠٦٩١٢٣٤٥٦٧٨ من فضلك", language: "ar" },
    { text: "شماره من ۰۹۱۲۳۴۵۶۷۸۹ است", language: "fa" },
  ]);
  try {
    const { c } = await signedIn(h, "analyst");
    const page = await (await c.request("/staff/needs")).text();
    const rows = await (await c.request("/staff/needs/export.csv")).text();
    expect(page).toContain("اتصل بي على [number] من فضلك");
    expect(rows).toContain("شماره من [number] است");
    for (const shown of [page, rows]) expect(shown).not.toMatch(/[٠-٩۰-۹]{7,}/);
  } finally {
    await h.server.db.prisma.need.deleteMany({ where: { id: { in: typed } } });
  }
});

test("the rows export reads in batches, in the order reported, each need once", async () => {
  const batches: number[][] = [];
  for await (const b of needExportBatches(h.server.db.prisma, { area: "athens" }, 5)) batches.push(b.map((r) => r.id));
  expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
  expect(batches.flat()).toEqual(ids.slice(0, 16).filter((_, i) => i < 7 || (i >= 10 && i < 15)));
});

test("bulk actions: set status, add a tag (once), correct the category keeping the person's own", async () => {
  const { c, user } = await signedIn(h, "analyst");
  const legal = (await h.server.db.prisma.need.findMany({ where: { category: "legal" }, select: { id: true } })).map(
    (n) => n.id,
  );
  const form = (extra: Record<string, string>) => {
    const body = new URLSearchParams({ _csrf: c.csrf, ...extra });
    for (const id of legal) body.append("ids", String(id));
    return c.request("/staff/needs/bulk?channel=sms", { form: body }); // one field per ticked need
  };
  const set = await form({ action: "status", status: "referred" });
  expect(set.status).toBe(303);
  expect(set.headers.get("location")).toBe("/staff/needs?channel=sms&changed=3#queue");
  expect(await (await c.request(set.headers.get("location")!)).text()).toContain("3 needs changed.");
  await form({ action: "tag", tag: "Asylum-Interview" });
  await form({ action: "tag", tag: "asylum-interview" });
  await form({ action: "category", category: "documentation" });
  const after = await h.server.db.prisma.need.findMany({ where: { id: { in: legal } } });
  for (const n of after) {
    expect(n).toMatchObject({
      status: "referred",
      tags: ["asylum-interview"],
      category: "legal",
      reviewedCategory: "documentation",
    });
  }
  // the counts follow the correction
  const a = await needAggregates(h.server.db.prisma, { category: "documentation" });
  expect(a.total).toBe(3);
  expect(await h.server.db.prisma.auditLog.count({ where: { staffUserId: user.id, action: "needs_reviewed" } })).toBe(
    4,
  );
  // a bad tag or no CSRF token changes nothing
  expect((await form({ action: "tag", tag: "<script>" })).status).toBe(400);
  expect(
    (await c.request("/staff/needs/bulk", { form: { action: "status", status: "new", ids: String(legal[0]) } })).status,
  ).toBe(403);
  // put them back for the other tests
  await h.server.db.prisma.need.updateMany({
    where: { id: { in: legal } },
    data: { status: "new", reviewedCategory: null, tags: [] },
  });
});

test("a bulk action that cannot be done comes back on the page with the ticked needs kept; nothing ticked asks to tick first", async () => {
  const { c } = await signedIn(h, "analyst");
  const legal = (await h.server.db.prisma.need.findMany({ where: { category: "legal" }, select: { id: true } })).map(
    (n) => n.id,
  );
  const post = (extra: Record<string, string>, ticked: number[]) => {
    const body = new URLSearchParams({ _csrf: c.csrf, ...extra });
    for (const id of ticked) body.append("ids", String(id));
    return c.request("/staff/needs/bulk?category=legal", { form: body });
  };
  const bad = await post({ action: "tag", tag: "<script>" }, legal);
  expect(bad.status).toBe(400);
  expect(bad.headers.get("content-type")).toMatch(/text\/html/);
  const page = await bad.text();
  expect(page).toMatch(/role="alert">Not done: a tag is a short word/);
  for (const id of legal) expect(page).toMatch(new RegExp(`name="ids" value="${id}"[^>]* checked>`));
  expect(page).toContain('id="bulk-tag" size="10" value="&lt;script&gt;"');
  const none = await post({ action: "status", status: "resolved" }, []);
  expect(none.status).toBe(400);
  expect(await none.text()).toContain("Tick the needs to change first");
  expect(await h.server.db.prisma.need.count({ where: { id: { in: legal }, status: "resolved" } })).toBe(0);
});

test("comparison with an organisation's assessment shows both shares", async () => {
  expect(parseAssessment("category,share\nshelter,50%\nlegal,25%\nhealth,25%")).toEqual({
    ok: true,
    shares: new Map([
      ["shelter", 0.5],
      ["legal", 0.25],
      ["health", 0.25],
    ]),
  });
  expect(parseAssessment("Mental health,0.2\nfood,0.8")).toMatchObject({ ok: true });
  expect(parseAssessment("housing,10")).toMatchObject({
    ok: false,
    reason: expect.stringContaining('"housing" is not a category'),
  });
  const { c } = await signedIn(h, "analyst");
  const page = await (await c.post("/staff/needs/compare", { assessment: "shelter,20\nhealth,80" })).text();
  expect(page).toContain('<th scope="row">Shelter</th><td>44%</td><td>20%</td><td>+24 points</td>');
  expect(page).toContain('<th scope="row">Legal help</th><td>&lt;5 needs</td><td>0%</td><td></td>');
});

test("retention erases the person's words and attachments of old needs; the counts stay", async () => {
  const prisma = h.server.db.prisma;
  const [oldId, newId] = (
    await seedNeeds(prisma, [
      { category: "gbv", text: "my words from long ago", createdAt: daysAgo(40), attachments: 2 },
      { category: "gbv", text: "my words from today", attachments: 1 },
    ])
  ).ids;
  const before = await needAggregates(prisma, {});
  const r = await applyNeedRetention(prisma, 30);
  expect(r).toMatchObject({ needs: 1, attachments: 2 });
  const old = await prisma.need.findUniqueOrThrow({ where: { id: oldId! }, include: { attachments: true } });
  expect(old).toMatchObject({ text: "", areaOther: null, category: "gbv", attachments: [] });
  expect(old.textErasedAt).toBeInstanceOf(Date);
  const kept = await prisma.need.findUniqueOrThrow({ where: { id: newId! }, include: { attachments: true } });
  expect(kept.text).toBe("my words from today");
  expect(kept.attachments).toHaveLength(1);
  expect(await needAggregates(prisma, {})).toEqual(before);
  expect(await applyNeedRetention(prisma, 30)).toMatchObject({ needs: 0, attachments: 0 });
  await prisma.need.deleteMany({ where: { id: { in: [oldId!, newId!] } } });
});
