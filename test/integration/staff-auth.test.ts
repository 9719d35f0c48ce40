import { hashPassword } from "../../src/staff/auth.ts";
import { createUser } from "../../src/staff/repository.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { hear, playLive, say } from "../support/live-transcript.ts";
import { signedIn, staffClient, staffUser } from "../support/staff.ts";

let h: Harness;
beforeAll(async () => { h = await startHarness({ STAFF_LOGIN_LIMIT: "5" }); }, 60_000);
afterAll(async () => { await h?.close(); });

let ips = 0;
const freshIp = () => `10.9.0.${++ips}`;

test("no session: pages redirect to the sign-in form, scripts get 401", async () => {
  const res = await fetch(`${h.server.url}/staff/inbox`, { redirect: "manual", headers: { accept: "text/html" } });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/staff/login?next=%2Fstaff%2Finbox");
  expect((await fetch(`${h.server.url}/staff/events`, { headers: { accept: "text/event-stream" } })).status).toBe(401);
  const login = await fetch(`${h.server.url}/staff/login`);
  expect(await login.text()).toMatch(/<form method="post" action="\/staff\/login"/);
});

test("sign in: the cookie is httpOnly, SameSite and path-scoped; only a hash of it is stored; sign out ends it", async () => {
  const user = await staffUser(h, "caseworker");
  const c = staffClient(h.server.url, { ip: freshIp() });
  const res = await c.login(user.email);
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((s) => s.startsWith("haven_staff="))!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\/staff/);
  expect(cookie).toMatch(/Secure/); // PUBLIC_BASE_URL is https
  const token = /^haven_staff=([^;]+)/.exec(cookie)![1]!;
  const stored = await h.server.db.prisma.staffSession.findMany({ where: { staffUserId: user.id } });
  expect(stored).toHaveLength(1);
  expect(stored[0]!.id).not.toContain(token);
  expect((await c.request("/staff/inbox")).status).toBe(200);
  expect((await c.post("/staff/logout")).status).toBe(303);
  expect((await c.request("/staff/inbox")).status).toBe(303);
  expect(await h.server.db.prisma.auditLog.count({ where: { staffUserId: user.id, action: "signed_in" } })).toBe(1);
});

test("a wrong password is refused without saying whether the account exists", async () => {
  const user = await staffUser(h, "caseworker");
  const c = staffClient(h.server.url, { ip: freshIp() });
  const wrong = await c.login(user.email, "not the password");
  const nobody = await staffClient(h.server.url, { ip: freshIp() }).login("nobody-1@example.org", "not the password");
  expect(wrong.status).toBe(401);
  expect(nobody.status).toBe(401);
  expect(await wrong.text()).toMatch(/Wrong email or password/);
});

test("wrong role: an analyst gets 403 on the inbox and conversations, and sees no phone number or message", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/), say("my secret story")]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } });
  const analyst = staffClient(h.server.url, { ip: freshIp() });
  await analyst.login((await staffUser(h, "analyst")).email);
  for (const path of ["/staff/inbox", "/staff/inbox/list", `/staff/conversations/${contact.id}`, `/staff/conversations/${contact.id}/transcript`]) {
    const res = await analyst.request(path);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).not.toContain(c.phone.slice(-4));
    expect(body).not.toContain("secret story");
  }
  expect((await analyst.request(`/staff/conversations/${contact.id}/take`, { form: { _csrf: "x" } })).status).toBe(403);
  const home = await analyst.request("/staff");
  expect(home.status).toBe(200);
});

test("a POST without the session's CSRF token is refused with 403, and nothing happens", async () => {
  const c = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } });
  const cw = staffClient(h.server.url, { ip: freshIp() });
  await cw.login((await staffUser(h, "caseworker")).email);
  expect((await cw.request(`/staff/conversations/${contact.id}/take`, { form: {} })).status).toBe(403);
  expect((await cw.request(`/staff/conversations/${contact.id}/take`, { form: { _csrf: "forged" } })).status).toBe(403);
  expect((await h.server.db.prisma.conversation.findUniqueOrThrow({ where: { contactId: contact.id } })).status).toBe("waiting_for_person");
  // the sign-in form has its own token too
  const res = await fetch(`${h.server.url}/staff/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": freshIp() }, body: "email=a%40b.c&password=x" });
  expect(res.status).toBe(403);
  // with the token the same click works
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(303);
});

test("sign-in attempts are rate limited per address and per account", async () => {
  const ip = freshIp();
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await staffClient(h.server.url, { ip }).login(`guess-${i}@example.org`, "guess")).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  // another address is not affected
  expect((await staffClient(h.server.url, { ip: freshIp() }).login("someone@example.org", "guess")).status).toBe(401);
  // one account guessed from ever-new addresses is stopped too
  const tries: number[] = [];
  for (let i = 0; i < 6; i++) tries.push((await staffClient(h.server.url, { ip: freshIp() }).login("target@example.org", "guess")).status);
  expect(tries).toEqual([401, 401, 401, 401, 401, 429]);
});

test("sign-ins that work do not count: a team behind one office address all sign in", async () => {
  const ip = freshIp();
  const team = await Promise.all(Array.from({ length: 8 }, () => staffUser(h, "caseworker")));
  const statuses: number[] = [];
  for (const member of team) statuses.push((await staffClient(h.server.url, { ip }).login(member.email)).status);
  expect(statuses).toEqual(Array(8).fill(303));
});

test("a caseworker works a conversation through the pages: take, reply, note, hand back; the window is shown", async () => {
  const c = await playLive(h, { lang: "ar" }, [say("مساعدة"), hear(/سيرد عليك شخص/), say("أحتاج محامياً")]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } });
  const cw = staffClient(h.server.url, { ip: freshIp() });
  await cw.login((await staffUser(h, "caseworker")).email);
  const inbox = await (await cw.request("/staff/inbox")).text();
  expect(inbox).toContain(`/staff/conversations/${contact.id}`);
  expect(inbox).not.toContain(c.phone);
  const page = await (await cw.request(`/staff/conversations/${contact.id}`)).text();
  expect(page).toContain("أحتاج محامياً");
  expect(page).toMatch(/Language: <strong lang="ar">ar/);
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(303);
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(409);
  // over Twilio's 1,600 characters: refused here with the reason, not failed later in the outbox
  const tooLong = await cw.post(`/staff/conversations/${contact.id}/reply`, { text: "أ".repeat(1601) });
  expect(tooLong.status).toBe(400);
  expect(await tooLong.text()).toContain("at most 1600 characters");
  expect((await cw.post(`/staff/conversations/${contact.id}/reply`, { text: "مرحباً، أنا سارة" })).status).toBe(303);
  expect((await cw.post(`/staff/conversations/${contact.id}/note`, { text: "<b>needs a lawyer</b>" })).status).toBe(303);
  const after = await (await cw.request(`/staff/conversations/${contact.id}`)).text();
  expect(after).toContain("&lt;b&gt;needs a lawyer&lt;/b&gt;"); // escaped, never markup
  await h.server.db.prisma.contact.update({ where: { id: contact.id }, data: { lastInboundAt: new Date(Date.now() - 30 * 3600_000) } });
  const closedWindow = await (await cw.request(`/staff/conversations/${contact.id}`)).text();
  expect(closedWindow).toMatch(/24 hours/);
  expect((await cw.post(`/staff/conversations/${contact.id}/reply`, { text: "hello?" })).status).toBe(409);
  expect((await cw.post(`/staff/conversations/${contact.id}/hand-back`)).status).toBe(303);
  const actions = await h.server.db.prisma.auditLog.findMany({ where: { contactId: contact.id }, orderBy: { id: "asc" } });
  expect(actions.map((a) => a.action)).toEqual(["viewed", "took", "replied", "noted", "viewed", "viewed", "handed_back"]);
});

test("admins manage accounts (disabling one ends its sessions) and read the audit log; others get 403", async () => {
  const admin = staffClient(h.server.url, { ip: freshIp() });
  await admin.login((await staffUser(h, "admin")).email);
  const cw = staffClient(h.server.url, { ip: freshIp() });
  const worker = await staffUser(h, "caseworker");
  await cw.login(worker.email);
  expect((await cw.request("/staff/users")).status).toBe(403);
  expect((await cw.request("/staff/audit")).status).toBe(403);

  expect((await admin.post("/staff/users", { email: "New.Person@example.org", role: "analyst", password: "short" })).status).toBe(400);
  expect((await admin.post("/staff/users", { email: "New.Person@example.org", role: "analyst", password: "a long enough password" })).status).toBe(303);
  expect(await (await admin.request("/staff/users")).text()).toContain("new.person@example.org");
  const analyst = staffClient(h.server.url, { ip: freshIp() });
  expect((await analyst.login("new.person@example.org", "a long enough password")).status).toBe(303);

  expect((await admin.post(`/staff/users/${worker.id}/disable`)).status).toBe(303);
  expect((await cw.request("/staff/inbox")).status).toBe(303); // signed out at once
  expect((await staffClient(h.server.url, { ip: freshIp() }).login(worker.email)).status).toBe(401);

  const log = await (await admin.request("/staff/audit")).text();
  expect(log).toMatch(/user_disabled/);
  expect(log).toMatch(/user_added/);
});

test("resetting a password (staff:add on the same email) ends the sessions signed in with the old one", async () => {
  // someone who learnt the caseworker's password is signed in with it
  const worker = await staffUser(h, "caseworker");
  const intruder = staffClient(h.server.url, { ip: freshIp() });
  await intruder.login(worker.email);
  expect((await intruder.request("/staff/inbox")).status).toBe(200);
  // the admin resets the password the documented way: npm run staff:add on the same email
  await createUser(h.server.db.prisma, { email: worker.email, role: "caseworker", passwordHash: await hashPassword("a brand new long password") });
  expect((await intruder.request("/staff/inbox")).status).toBe(303);
  expect((await staffClient(h.server.url, { ip: freshIp() }).login(worker.email, "a brand new long password")).status).toBe(303);
});

test("every view of a transcript is audited, also fetched alone; its live refreshes are not logged again", async () => {
  const p = await playLive(h, { lang: "en" }, [say("hi"), hear(/How can we help/), say("HELP"), hear(/A person/), say("my private story")]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: p.phone } });
  const views = (staffUserId: number) => h.server.db.prisma.auditLog.findMany({ where: { staffUserId, contactId: contact.id }, select: { action: true, detail: true } });
  // the transcript fetched on its own, without opening the page: audited once, however often
  const { c: alone, user: reader } = await signedIn(h, "caseworker", { ip: freshIp() });
  for (let i = 0; i < 3; i++) {
    const res = await alone.request(`/staff/conversations/${contact.id}/transcript`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("my private story");
  }
  expect(await views(reader.id)).toEqual([{ action: "viewed", detail: { transcript: true } }]);
  // the page opened, then refreshed live: the opening is the one row
  const { c: cw, user: worker } = await signedIn(h, "caseworker", { ip: freshIp() });
  expect((await cw.request(`/staff/conversations/${contact.id}`)).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await cw.request(`/staff/conversations/${contact.id}/transcript`)).status).toBe(200);
  expect(await views(worker.id)).toEqual([{ action: "viewed", detail: {} }]);
  // a view logged longer ago than a session lasts (STAFF_SESSION_HOURS, 12 by default) does not count
  await h.server.db.prisma.auditLog.updateMany({ where: { staffUserId: reader.id }, data: { at: new Date(Date.now() - 13 * 3600_000) } });
  expect((await alone.request(`/staff/conversations/${contact.id}/transcript`)).status).toBe(200);
  expect(await views(reader.id)).toHaveLength(2);
});

test("a note on a conversation erased meanwhile, or on none, is refused with 404, not 500", async () => {
  const p = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: p.phone } });
  const { c: cw } = await signedIn(h, "caseworker", { ip: freshIp() });
  expect((await cw.request(`/staff/conversations/${contact.id}`)).status).toBe(200);
  // an admin erases the person while the caseworker has the page open
  const { c: admin } = await signedIn(h, "admin", { ip: freshIp() });
  expect((await admin.post(`/staff/conversations/${contact.id}/erase`)).status).toBe(303);
  const late = await cw.post(`/staff/conversations/${contact.id}/note`, { text: "called her back" });
  expect(late.status).toBe(404);
  expect(await late.text()).toContain("No such conversation.");
  expect((await cw.post("/staff/conversations/987654/note", { text: "x" })).status).toBe(404);
});

/** What a live stream sends within `ms`, and whether the server ended it. */
async function streamFor(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<{ text: string; ended: boolean }> {
  let text = "";
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(r, deadline - Date.now()))]);
    if (!chunk) break;
    if (chunk.done) return { text, ended: true };
    text += new TextDecoder().decode(chunk.value);
  }
  return { text, ended: false };
}

test("an open live stream ends at the next poll once its session ends (account disabled, signed out); others go on", async () => {
  const open = async () => {
    const { c, user } = await signedIn(h, "caseworker", { ip: freshIp() });
    const res = await c.request("/staff/events");
    expect(res.status).toBe(200);
    return { user, c, reader: res.body!.getReader() };
  };
  const [disabled, signedOut, still] = [await open(), await open(), await open()];
  const { c: admin } = await signedIn(h, "admin", { ip: freshIp() });
  expect((await admin.post(`/staff/users/${disabled.user.id}/disable`)).status).toBe(303);
  expect((await signedOut.c.post("/staff/logout")).status).toBe(303);
  // the streams poll every 5 s
  const [a, b] = await Promise.all([streamFor(disabled.reader, 8000), streamFor(signedOut.reader, 8000)]);
  expect([a.ended, b.ended]).toEqual([true, true]);
  // the one still signed in keeps receiving the inbox's changes
  await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const c = await streamFor(still.reader, 1000);
  await still.reader.cancel();
  expect(c.ended).toBe(false);
  expect(c.text).toContain("event: change");
}, 20_000);
