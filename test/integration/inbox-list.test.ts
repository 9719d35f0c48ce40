import { type ConversationSeed, seedConversation } from "../support/conversations.ts";
import { harnessForFile } from "../support/harness.ts";
import { LiveStream } from "../support/live-stream.ts";
import { freshPhone } from "../support/live-transcript.ts";
import { freshIp, linkOf, seenOnce, signedIn, staffUser, walkPages } from "../support/staff.ts";

const h = harnessForFile();

const signIn = (role: "admin" | "caseworker" | "analyst") => signedIn(h, role, { ip: freshIp() });
const prisma = () => h.server.db.prisma;
const range = (n: number) => [...Array(n).keys()];
const LINK = /\/staff\/conversations\/(\d+)/g;
const idsIn = (page: string) => [...page.matchAll(LINK)].map((m) => Number(m[1]));

/** Conversations in the inbox, addressed `<prefix>0000`, `<prefix>0001`…, with a message each: their contact ids. */
async function seed(prefix: string, rows: (Omit<ConversationSeed, "address" | "messages"> & { last?: string })[]) {
  const ids: number[] = [];
  for (const [i, { last, ...r }] of rows.entries()) {
    const address = `${prefix}${String(i).padStart(4, "0")}`;
    const messages = [{ body: last ?? `words of ${prefix}${i}` }];
    ids.push((await seedConversation(prisma(), { ...r, address, messages })).id);
  }
  return ids;
}

afterEach(async () => {
  // each test reads the inbox alone
  await prisma().conversation.deleteMany({});
});

test("paging: the inbox walked by keyset, urgent first, each conversation seen once; new arrivals do not shift a page; previous leads back", async () => {
  await seed(
    "+3069101",
    range(75).map((i) => ({ status: i % 2 ? "waiting_for_person" : "with_person", urgent: i % 10 === 0 })),
  );
  const order = await prisma().conversation.findMany({
    orderBy: [{ urgent: "desc" }, { escalatedAt: "asc" }, { contactId: "asc" }],
  });
  const { c } = await signIn("caseworker");
  const first = await (await c.request("/staff/inbox")).text();
  expect(idsIn(first)).toEqual(order.slice(0, 50).map((r) => r.contactId));
  expect(first).toContain("75 conversations");
  const next = linkOf(first, "next");
  expect(next).toMatch(/^\/staff\/inbox\?after=1?0?-\d+-\d+$/);

  // people arrive while page 1 is read: an urgent one goes to the top, a calm one to the end
  await seed("+3069102", [
    { urgent: true, escalatedAt: new Date("2026-11-04T10:00:00Z") },
    { escalatedAt: new Date("2026-11-04T10:00:00Z") },
  ]);
  const second = await (await c.request(next ?? "")).text();
  // page 2 starts right after the last row of page 1 seen, whatever came in meanwhile
  expect(idsIn(second).slice(0, 25)).toEqual(order.slice(50).map((r) => r.contactId));
  expect(second).toContain(`data-live="/staff/inbox/list?${(next ?? "").split("?")[1]}"`);
  const part = await (await c.request(`/staff/inbox/list?${(next ?? "").split("?")[1]}`)).text();
  expect(idsIn(part)).toEqual(idsIn(second));
  // previous from page 2: the 50 rows before it, the urgent arrival among them (after the urgent ones who
  // waited longer); the page before that reaches the top, so it is read as the first page, full
  const now = (
    await prisma().conversation.findMany({
      orderBy: [{ urgent: "desc" }, { escalatedAt: "asc" }, { contactId: "asc" }],
    })
  ).map((r) => r.contactId);
  const back = await (await c.request(linkOf(second, "prev") ?? "")).text();
  expect(idsIn(back)).toEqual(now.slice(1, 51));
  const top = await (await c.request(linkOf(back, "prev") ?? "")).text();
  expect(idsIn(top)).toEqual(now.slice(0, 50));
  expect(linkOf(top, "prev")).toBeUndefined();

  const { pages } = await walkPages(c, "/staff/inbox");
  expect(seenOnce(pages, LINK).size).toBe(77);
  // a page past the end (its rows closed meanwhile) says so and links the first page
  const past = await (await c.request("/staff/inbox?view=unassigned&after=0-99999999999999-2147483647")).text();
  expect(past).toContain('No conversations on this page. <a href="/staff/inbox?view=unassigned">First page</a>');
});

test("views and filters: mine, unassigned, all; language, my languages, channel, urgency and status; the filters are kept by the pager", async () => {
  const { c, user } = await signIn("caseworker");
  const other = await staffUser(h, "caseworker");
  await prisma().staffUser.update({ where: { id: user.id }, data: { languages: ["ar", "fa"] } });
  const [mineAr, otherFa, waitingEn, waitingArSms, closedAr] = await seed("+3069103", [
    { status: "with_person", assigneeId: user.id, language: "ar" },
    { status: "with_person", assigneeId: other.id, language: "fa" },
    { urgent: true, language: "en" },
    { language: "ar", channel: "sms" },
    { status: "closed", language: "ar" },
  ]);
  // languages are read at sign-in: sign in again
  await c.login(user.email);
  const ids = async (query: string) => idsIn(await (await c.request(`/staff/inbox${query}`)).text()).sort();
  const sorted = (...n: (number | undefined)[]) => n.map(Number).sort();
  expect(await ids("")).toEqual(sorted(mineAr, otherFa, waitingEn, waitingArSms));
  expect(await ids("?view=mine")).toEqual(sorted(mineAr));
  expect(await ids("?view=unassigned")).toEqual(sorted(waitingEn, waitingArSms));
  expect(await ids("?language=ar")).toEqual(sorted(mineAr, waitingArSms));
  expect(await ids("?language=mine")).toEqual(sorted(mineAr, otherFa, waitingArSms));
  expect(await ids("?channel=sms")).toEqual(sorted(waitingArSms));
  expect(await ids("?urgency=urgent")).toEqual(sorted(waitingEn));
  expect(await ids("?urgency=normal&view=unassigned")).toEqual(sorted(waitingArSms));
  expect(await ids("?status=closed")).toEqual(sorted(closedAr));
  expect(await ids("?status=closed&view=mine")).toEqual([]);
  // a value the form does not offer is no filter, never an error
  expect(await ids("?channel=fax&view=nope")).toEqual(sorted(mineAr, otherFa, waitingEn, waitingArSms));

  const page = await (await c.request("/staff/inbox?view=unassigned&language=ar")).text();
  expect(page).toContain('<strong aria-current="page">Unassigned</strong>');
  expect(page).toContain('href="/staff/inbox?view=mine&amp;language=ar"');
  expect(page).toContain("my languages (ar, fa)");
  expect(page).toContain('data-live="/staff/inbox/list?view=unassigned&amp;language=ar"');
  expect(page).toContain("Arabic (ar)");
  expect(page).toContain("SMS");

  // the pager keeps the view and filters
  await seed(
    "+3069104",
    range(60).map(() => ({ language: "so" })),
  );
  const so = await (await c.request("/staff/inbox?view=unassigned&language=so")).text();
  expect(linkOf(so, "next")).toMatch(/^\/staff\/inbox\?view=unassigned&language=so&after=/);
});

test("the list previews the latest message as the transcript shows it, and marks what this staff member has not read", async () => {
  const { c } = await signIn("caseworker");
  const [plain, redacted, erased, long] = await seed("+3069105", [
    { last: "I need a doctor for my son" },
    { last: "first" },
    { last: "first" },
    { last: "first" },
  ]);
  const m = (contactId: number | undefined, data: object) =>
    prisma().message.create({
      data: { contactId: contactId ?? 0, direction: "in", ourAddress: "+3021", body: "", ...data },
    });
  await m(redacted, { body: "my PIN is 4321", redacted: true });
  await m(erased, { body: "", personal: true });
  await m(long, { body: `${"a very long message ".repeat(20)}END` });
  const page = await (await c.request("/staff/inbox")).text();
  expect(page).toContain("I need a doctor for my son");
  expect(page).toContain("[redacted]");
  expect(page).not.toContain("4321");
  expect(page).toContain("erased (retention)");
  expect(page).not.toContain("END");
  expect(page).toContain("…");
  expect(page.match(/class="card unread"/g)).toHaveLength(4);

  // opening a conversation reads it; the person writing again makes it unread again
  expect((await c.request(`/staff/conversations/${plain}`)).status).toBe(200);
  const after = await (await c.request("/staff/inbox")).text();
  expect(after.match(/class="card unread"/g)).toHaveLength(3);
  expect(after).not.toContain(`class="card unread" data-contact="${plain}"`);
  // another staff member has read nothing
  const { c: other } = await signIn("caseworker");
  expect((await (await other.request("/staff/inbox")).text()).match(/class="card unread"/g)).toHaveLength(4);
  await m(plain, { body: "are you there?" });
  const again = await (await c.request("/staff/inbox")).text();
  expect(again).toContain(`class="card unread" data-contact="${plain}"`);
  expect(again).toContain("are you there?");
});

test("transfer: the holder passes a conversation to a colleague, who is told live; others cannot, nor to an analyst; audited", async () => {
  const a = await signIn("caseworker");
  const b = await signIn("caseworker");
  const third = await signIn("caseworker");
  const analyst = await staffUser(h, "analyst");
  const phone = freshPhone();
  await h.say(phone, "HELP");
  await h.server.processor.idle();
  const id = (await prisma().contact.findFirstOrThrow({ where: { address: phone } })).id;
  expect((await a.c.post(`/staff/conversations/${id}/take`)).status).toBe(303);

  expect((await third.c.post(`/staff/conversations/${id}/transfer`, { to: String(b.user.id) })).status).toBe(409);
  expect((await a.c.post(`/staff/conversations/${id}/transfer`, { to: String(analyst.id) })).status).toBe(400);
  expect((await a.c.post(`/staff/conversations/${id}/transfer`, { to: "nobody" })).status).toBe(400);
  expect((await a.c.post(`/staff/conversations/${id}/transfer`, { to: String(a.user.id) })).status).toBe(400);

  const events = new LiveStream(await b.c.request("/staff/events"));
  const told = events.read(15_000, "event: assigned");
  const done = await a.c.post(`/staff/conversations/${id}/transfer`, { to: String(b.user.id) });
  expect(done.status).toBe(303);
  const seen = await told;
  await events.close();
  expect(seen).toContain("event: assigned");
  expect(seen).toContain(`"contactId":${id}`);
  expect(seen).toContain(a.user.email);

  expect(await prisma().conversation.findUnique({ where: { contactId: id } })).toMatchObject({
    status: "with_person",
    assigneeId: b.user.id,
  });
  expect(idsIn(await (await b.c.request("/staff/inbox?view=mine")).text())).toEqual([id]);
  expect(idsIn(await (await a.c.request("/staff/inbox?view=mine")).text())).toEqual([]);
  // the former holder no longer replies; the colleague does
  expect((await a.c.post(`/staff/conversations/${id}/reply`, { text: "hello" })).status).toBe(409);
  expect((await b.c.post(`/staff/conversations/${id}/reply`, { text: "Hello, I am Omar." })).status).toBe(303);
  const entry = await prisma().auditLog.findFirstOrThrow({ where: { action: "transferred", contactId: id } });
  expect(entry).toMatchObject({ staffUserId: a.user.id, detail: { to: b.user.id } });
});

test("a new urgent conversation is told live to every caseworker's stream, once", async () => {
  const { c } = await signIn("caseworker");
  const events = new LiveStream(await c.request("/staff/events"));
  const told = events.read(15_000, "event: urgent");
  const phone = freshPhone();
  await h.say(phone, "He hits me and I am afraid");
  const seen = await told;
  await events.close();
  const id = (await prisma().contact.findFirstOrThrow({ where: { address: phone } })).id;
  expect(seen).toContain(`"contactId":${id}`);
  expect(seen.match(/event: urgent/g)).toHaveLength(1);
});

test("roles: analysts get no inbox, no transfer, no live stream", async () => {
  const { c } = await signIn("analyst");
  expect((await c.request("/staff/inbox")).status).toBe(403);
  expect((await c.request("/staff/inbox/list")).status).toBe(403);
  expect((await c.request("/staff/events")).status).toBe(403);
  expect((await c.post("/staff/conversations/1/transfer", { to: "1" })).status).toBe(403);
});

test("an admin sets the languages an account works in; the transfer form lists colleagues who speak the person's language first", async () => {
  const admin = await signIn("admin");
  const worker = await signIn("caseworker");
  const speaker = await staffUser(h, "caseworker");
  expect((await admin.c.post(`/staff/users/${speaker.id}/languages`, { languages: "Arabic" })).status).toBe(400);
  expect((await admin.c.post(`/staff/users/${speaker.id}/languages`, { languages: "AR, fa ar" })).status).toBe(303);
  expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: speaker.id } })).languages).toEqual(["ar", "fa"]);
  expect(
    await prisma().auditLog.findFirst({ where: { action: "user_languages" }, orderBy: { id: "desc" } }),
  ).toMatchObject({ staffUserId: admin.user.id, detail: { user: speaker.id, languages: "ar,fa" } });
  expect(await (await admin.c.request("/staff/users")).text()).toContain('value="ar, fa"');
  // a caseworker cannot
  expect((await worker.c.post(`/staff/users/${speaker.id}/languages`, { languages: "en" })).status).toBe(403);

  const [id] = await seed("+3069106", [{ status: "with_person", assigneeId: worker.user.id, language: "ar" }]);
  const page = await (await worker.c.request(`/staff/conversations/${id}`)).text();
  const options = [...page.matchAll(/<option value="(\d+)">[^<(]+(?:\(([^)]*)\))?<\/option>/g)].map((m) => ({
    id: Number(m[1]),
    arabic: (m[2] ?? "").split(", ").includes("ar"),
  }));
  // all who work in Arabic before the others (an earlier test gave another account Arabic), the new one among them
  expect(options.findIndex((o) => !o.arabic)).toBe(options.filter((o) => o.arabic).length);
  expect(options.find((o) => o.id === speaker.id)?.arabic).toBe(true);
  expect(options.map((o) => o.id)).not.toContain(worker.user.id);
  expect(page).toContain(`${speaker.email} (ar, fa)`);
  // someone who does not hold it is not offered the form
  const { c: bystander } = await signIn("caseworker");
  expect(await (await bystander.request(`/staff/conversations/${id}`)).text()).not.toContain("/transfer");
});
