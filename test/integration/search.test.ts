import { searchConversations } from "../../src/domain/handoff/search-query.ts";
import { eraseNeedText } from "../../src/domain/needs/dashboard-repository.ts";
import { type ConversationSeed, seedConversation } from "../support/conversations.ts";
import { harnessForFile } from "../support/harness.ts";
import { freshPhone } from "../support/live-transcript.ts";
import { freshIp, signedIn } from "../support/staff.ts";

const h = harnessForFile();

const signIn = (role: "admin" | "caseworker" | "analyst") => signedIn(h, role, { ip: freshIp() });
const prisma = () => h.server.db.prisma;
const idsIn = (page: string) => [
  ...new Set(
    [...page.matchAll(/<a href="\/staff\/conversations\/(\d+)"><strong dir="ltr">/g)].map((m) => Number(m[1])),
  ),
];

/** A person and their conversation as staff left it (closed unless said), with these messages. */
const person = (seed: ConversationSeed) => seedConversation(prisma(), { status: "closed", ...seed });

test("words of the transcript find open and closed conversations, marked in a snippet; the person's text stays text", async () => {
  const { c } = await signIn("caseworker");
  // a real conversation: the webhook writes the transcript
  const phone = freshPhone();
  await h.say(phone, "HELP");
  await h.server.processor.idle();
  await h.say(phone, "The landlord threw my family out of the flat");
  await h.server.processor.idle();
  const live = await prisma().contact.findFirstOrThrow({ where: { address: phone } });
  const closed = await person({ messages: [{ body: "<script>alert(1)</script> our landlord wants more money" }] });
  const page = await (await c.request("/staff/search?q=landlord")).text();
  expect(idsIn(page).sort()).toEqual([live.id, closed.id].sort());
  expect(page).toContain("<mark>landlord</mark>");
  expect(page).not.toContain("<script>alert");
  expect(page).toContain("badge closed");
  // several words: all of them, in any order; a phrase in quotes
  expect(idsIn(await (await c.request("/staff/search?q=flat+landlord")).text())).toEqual([live.id]);
  expect(idsIn(await (await c.request(`/staff/search?q=${encodeURIComponent('"more money"')}`)).text())).toEqual([
    closed.id,
  ]);
  // Arabic and Cyrillic words too ('simple' has no stemming, so every language is matched alike)
  const ar = await person({ messages: [{ body: "صاحب البيت طردنا" }] });
  const uk = await person({ messages: [{ body: "Нас виселили з квартири" }] });
  expect(idsIn(await (await c.request(`/staff/search?q=${encodeURIComponent("طردنا")}`)).text())).toEqual([ar.id]);
  expect(idsIn(await (await c.request(`/staff/search?q=${encodeURIComponent("квартири")}`)).text())).toEqual([uk.id]);
  const searched = await prisma().auditLog.findFirstOrThrow({ where: { action: "searched" }, orderBy: { id: "desc" } });
  expect(searched.detail).toMatchObject({ q: "квартири", found: 1 });
});

test("what a caseworker wrote is found; the bot's own texts are not (they are in every conversation)", async () => {
  const { c, user } = await signIn("admin");
  const answered = await person({
    messages: [{ body: "where can I sleep tonight" }, { body: "the wombat shelter opens at 8", by: user.id }],
  });
  await person({ messages: [{ body: "hello" }, { body: "the wombat menu: 1 rights", by: "bot" }] });
  expect(idsIn(await (await c.request("/staff/search?q=wombat")).text())).toEqual([answered.id]);
});

test("erased and redacted words are not found: redaction, the person's erasure, the retention's emptying", async () => {
  const { c } = await signIn("admin");
  await person({ messages: [{ body: "my pin is zebrafish", redacted: true }] });
  expect(idsIn(await (await c.request("/staff/search?q=zebrafish")).text())).toEqual([]);
  // an admin erases a person who asked (the staff page's own route)
  const erased = await person({ messages: [{ body: "the kraken took my papers" }] });
  expect(idsIn(await (await c.request("/staff/search?q=kraken")).text())).toEqual([erased.id]);
  expect((await c.post(`/staff/conversations/${erased.id}/erase`)).status).toBe(303);
  expect(idsIn(await (await c.request("/staff/search?q=kraken")).text())).toEqual([]);
  // NEEDS_TEXT_RETENTION_DAYS empties the person's own words in the transcript
  const old = await person({
    messages: [{ body: "my brother narwhal is missing", personal: true, at: new Date("2026-01-01T00:00:00Z") }],
  });
  expect(idsIn(await (await c.request("/staff/search?q=narwhal")).text())).toEqual([old.id]);
  await eraseNeedText(prisma(), new Date("2026-02-01T00:00:00Z"));
  expect(idsIn(await (await c.request("/staff/search?q=narwhal")).text())).toEqual([]);
});

test("a need's reference, the phone's last digits (no more than staff see) and a period find people; the other channel is linked", async () => {
  const { c } = await signIn("caseworker");
  const address = "+306911122334";
  const wa = await person({ address, messages: [{ body: "hello", at: new Date("2026-09-10T08:00:00Z") }] });
  const sms = await person({ address, channel: "sms", messages: [{ body: "hi" }] });
  await prisma().need.create({
    data: {
      reference: "N-SRCH1",
      contactId: wa.id,
      category: "food",
      urgency: "week",
      area: "athens",
      text: "",
      language: "en",
      channel: "whatsapp",
    },
  });
  await prisma().conversationNote.create({
    data: { contactId: wa.id, staffUserId: (await signIn("caseworker")).user.id, body: "called" },
  });
  const byRef = await (await c.request("/staff/search?ref=n-srch1")).text();
  expect(idsIn(byRef)).toEqual([wa.id]);
  expect(byRef).toContain("needs: N-SRCH1");
  expect(byRef).toContain("conversation and 1 note");
  expect(byRef).toContain(`<a href="/staff/conversations/${sms.id}">their conversation on SMS</a>`);
  expect(byRef).not.toContain("2233");
  expect(idsIn(await (await c.request("/staff/search?phone=2334")).text()).sort()).toEqual([wa.id, sms.id].sort());
  const more = await c.request("/staff/search?phone=122334");
  expect(more.status).toBe(400);
  expect(await more.text()).toContain("the last 3 or 4 digits");
  expect(idsIn(await (await c.request("/staff/search?phone=2334&from=2026-09-10&to=2026-09-10")).text())).toEqual([
    wa.id,
  ]);
  expect(idsIn(await (await c.request("/staff/search?ref=N-SRCH1&from=2026-09-11")).text())).toEqual([]);
  expect((await c.request("/staff/search?from=2026-09-11&to=2026-09-10")).status).toBe(400);
});

test("roles: caseworkers find people handed to staff only, admins everyone; analysts cannot search", async () => {
  const worker = await signIn("caseworker");
  const admin = await signIn("admin");
  const botOnly = await person({
    escalatedAt: null,
    status: "bot",
    messages: [{ body: "where is the quokka office" }],
  });
  expect(idsIn(await (await worker.c.request("/staff/search?q=quokka")).text())).toEqual([]);
  expect(idsIn(await (await admin.c.request("/staff/search?q=quokka")).text())).toEqual([botOnly.id]);
  const analyst = await signIn("analyst");
  expect((await analyst.c.request("/staff/search?q=quokka")).status).toBe(403);
  // an empty search is the form, not everyone
  const empty = await (await worker.c.request("/staff/search")).text();
  expect(empty).toContain('role="search"');
  expect(idsIn(empty)).toEqual([]);
});

test("looking in the newest messages first, then wider, gives the pages the whole table gives", async () => {
  const people: { id: number }[] = [];
  for (let i = 0; i < 6; i++) people.push(await person({ messages: [{ body: `walrus ${i}` }, { body: "nothing" }] }));
  // older people write again, newest last: their latest match moves up
  for (const p of [people[1], people[3]])
    await prisma().message.create({
      data: { contactId: p!.id, direction: "in", ourAddress: "+3021", body: "a walrus again" },
    });
  for (let i = 0; i < 20; i++)
    await prisma().message.create({
      data: { contactId: people[0]!.id, direction: "in", ourAddress: "+3021", body: "filler" },
    });
  const admin = { role: "admin" };
  const s = { q: "walrus" };
  for (const w of [
    { skip: 0, take: 2 },
    { skip: 2, take: 2 },
    { skip: 4, take: 3 },
    { skip: 0, take: 7 },
  ]) {
    const whole = await searchConversations(prisma(), s, admin, w, []);
    expect(await searchConversations(prisma(), s, admin, w, [3, 25])).toEqual(whole);
  }
  const all = await searchConversations(prisma(), s, admin, { skip: 0, take: 10 }, [3, 25]);
  expect(all.map((r) => r.contactId)).toEqual([3, 1, 5, 4, 2, 0].map((i) => people[i]!.id));
});
