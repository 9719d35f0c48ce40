import { harnessForFile } from "../support/harness.ts";
import { signedIn } from "../support/staff.ts";

// The staff simulator: the real flows answer an editor as they would a person, on SMS or WhatsApp, published
// texts or drafts, and nothing about a person is written (no contact, message, outbox row, need) or sent.
const h = harnessForFile();

type Client = Awaited<ReturnType<typeof signedIn>>["c"];
const page = async (c: Client) => (await (await c.request("/staff/simulator")).text()).replaceAll("&#39;", "'");
const reset = (c: Client, form: { channel: string; language: string; content: string }) =>
  c.post("/staff/simulator/reset", form);
const say = async (c: Client, text: string) => {
  expect((await c.post("/staff/simulator/send", { text })).status).toBe(303);
  return page(c);
};
/** The rows a person's conversation writes: none of them may change. */
const personRows = async () => {
  const p = h.server.db.prisma;
  return [await p.contact.count(), await p.message.count(), await p.outbox.count(), await p.need.count()];
};

test("an editor reports a need on SMS: replies as the phone shows them, its reference, no row written", async () => {
  const { c } = await signedIn(h, "editor");
  const before = await personRows();
  expect(await page(c)).toContain('href="/staff/simulator"');
  await reset(c, { channel: "sms", language: "en", content: "published" });
  expect(await say(c, "hi")).toMatch(
    /How can we help\?[\s\S]*?<div class="meta"><span class="badge">\d SMS segments? \(GSM-7, \d+ characters\)/,
  );
  await say(c, "4");
  await say(c, "shelter");
  await say(c, "1");
  expect(await say(c, "1")).toContain("Tell us in your own words");
  const shown = await say(c, "No money for rent");
  expect(shown).toMatch(/Your reference number is N-[2-9A-HJKMNP-Z]{5}/);
  expect(shown).toMatch(/<div class="msg in"><div class="text" dir="auto">No money for rent<\/div>/);
  expect(await personRows()).toEqual(before);
  expect(h.twilio.sent).toHaveLength(0);
  const audit = await h.server.db.prisma.auditLog.findMany({ where: { action: "simulator_used" } });
  expect(audit.map((a) => a.detail)).toEqual([{ channel: "sms", content: "published", language: "en" }]);
}, 60_000);

test("WhatsApp shows a question's choices as buttons, a tap answers it; Arabic reads right to left", async () => {
  const { c, user } = await signedIn(h, "admin");
  await reset(c, { channel: "whatsapp", language: "ar", content: "published" });
  const menu = await say(c, "مرحبا");
  expect(menu).toMatch(
    /<form method="post" action="\/staff\/simulator\/send" class="row choices" dir="rtl" lang="ar">/,
  );
  const payload = /name="payload" value="([^"]+)">([^<]+)<\/button>/.exec(menu);
  expect(payload).not.toBeNull();
  expect((await c.post("/staff/simulator/send", { payload: payload![1]! })).status).toBe(303);
  const tapped = await page(c);
  expect(tapped).toContain(`<div class="msg in"><div class="text" dir="auto">${payload![2]}</div>`);
  expect(tapped).toMatch(/<div class="text" dir="auto" lang="ar">[^<]+<\/div><form[^>]+>[\s\S]*?value="rights\/topics/);
  expect(tapped).toMatch(/<div class="meta">WhatsApp: \d+ characters<\/div>/);
  // reset: a fresh conversation, audited again when it starts
  await reset(c, { channel: "whatsapp", language: "ar", content: "published" });
  expect(await page(c)).not.toContain('class="msg');
  await say(c, "menu");
  expect(await h.server.db.prisma.auditLog.count({ where: { action: "simulator_used", staffUserId: user.id } })).toBe(
    2,
  );
}, 60_000);

test("a draft text shows only with drafts chosen; caseworkers may not open the simulator", async () => {
  const { c } = await signedIn(h, "editor");
  await c.post("/staff/texts/draft", {
    lng: "en",
    key: "menu.prompt",
    text: "Draft: what do you need? Reply with a number:",
  });
  await reset(c, { channel: "sms", language: "en", content: "published" });
  const published = await say(c, "menu");
  expect(published).toContain("How can we help?");
  expect(published).not.toContain("Draft: what do you need?");
  await reset(c, { channel: "sms", language: "en", content: "drafts" });
  expect(await say(c, "menu")).toContain("Draft: what do you need?");
  expect(await h.server.db.prisma.textDraft.count()).toBe(1);

  const caseworker = await signedIn(h, "caseworker");
  expect((await caseworker.c.request("/staff/simulator")).status).toBe(403);
  expect(await (await caseworker.c.request("/staff/inbox")).text()).not.toContain('href="/staff/simulator"');
}, 60_000);
