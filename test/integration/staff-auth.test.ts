import { hashPassword } from "../../src/staff/auth.ts";
import { createUser } from "../../src/staff/repository.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { LiveStream } from "../support/live-stream.ts";
import { hear, playLive, say } from "../support/live-transcript.ts";
import { csrfIn, freshIp, PASSWORD, signedIn, staffClient, staffUser } from "../support/staff.ts";

let h: Harness;
beforeAll(async () => {
  // live streams poll every second, not every 5 s: the test of a stream ended at the next poll waits for one
  h = await startHarness({ STAFF_LOGIN_LIMIT: "5", STAFF_EVENTS_POLL_MS: "1000" });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

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
  for (const path of [
    "/staff/inbox",
    "/staff/inbox/list",
    `/staff/conversations/${contact.id}`,
    `/staff/conversations/${contact.id}/transcript`,
  ]) {
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
  expect((await h.server.db.prisma.conversation.findUniqueOrThrow({ where: { contactId: contact.id } })).status).toBe(
    "waiting_for_person",
  );
  // the sign-in form has its own token too
  const res = await fetch(`${h.server.url}/staff/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": freshIp() },
    body: "email=a%40b.c&password=x",
  });
  expect(res.status).toBe(403);
  // with the token the same click works
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(303);
});

test("sign-in attempts are rate limited per address", async () => {
  const ip = freshIp();
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++)
    statuses.push((await staffClient(h.server.url, { ip }).login(`guess-${i}@example.org`, "guess")).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  // another address is not affected
  expect((await staffClient(h.server.url, { ip: freshIp() }).login("someone@example.org", "guess")).status).toBe(401);
});

const throttleOf = (email: string) => h.server.db.prisma.signInThrottle.findUniqueOrThrow({ where: { email } });
/** The account's wait, as if it had passed. */
const waitOver = (email: string) =>
  h.server.db.prisma.signInThrottle.update({ where: { email }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
/** The account's wait, a minute longer: a slow test machine does not see a few seconds' wait end. */
const waitLonger = (email: string) =>
  h.server.db.prisma.signInThrottle.update({
    where: { email },
    data: { nextAttemptAt: new Date(Date.now() + 60_000) },
  });
const waitSeconds = async (email: string) => {
  const t = await throttleOf(email);
  return Math.round((t.nextAttemptAt.getTime() - t.lastFailureAt.getTime()) / 1000);
};

test("one account guessed from ever-new addresses is slowed, never locked: its known device signs in at once, anyone after the wait", async () => {
  const user = await staffUser(h, "caseworker");
  // the owner signed in on this browser before (a known device), and signed out
  const owner = staffClient(h.server.url, { ip: freshIp() });
  expect((await owner.login(user.email)).status).toBe(303);
  expect((await owner.post("/staff/logout")).status).toBe(303);
  // a guesser, a new address each time: three tries, then each waits longer
  const guess = () => staffClient(h.server.url, { ip: freshIp() }).login(user.email, "guess");
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await guess()).status);
  expect(statuses).toEqual([401, 401, 401]);
  expect(await waitSeconds(user.email)).toBe(2);
  await waitLonger(user.email);
  const slowed = await guess();
  expect(slowed.status).toBe(429);
  expect(await slowed.text()).toMatch(/Wait (1 minute|60 seconds), then sign in/);
  const waits: number[] = [];
  for (let i = 0; i < 3; i++) {
    await waitOver(user.email);
    expect((await guess()).status).toBe(401);
    waits.push(await waitSeconds(user.email));
  }
  expect(waits).toEqual([4, 15 * 60, 15 * 60]); // doubling, then 15 minutes from STAFF_LOGIN_LIMIT (5) failures on
  // the owner, on the known device, from yet another address: signed in now (and the failures forgotten)
  expect((await owner.login(user.email)).status).toBe(303);
  expect((await owner.request("/staff/inbox")).status).toBe(200);
  // the owner on a new phone during a wait is asked to wait, not refused for ever...
  for (let i = 0; i < 3; i++) await guess();
  await waitLonger(user.email);
  const phone = staffClient(h.server.url, { ip: freshIp() });
  expect((await phone.login(user.email)).status).toBe(429);
  // ...and once it is over, the right password signs in and the failures are forgotten
  await waitOver(user.email);
  expect((await phone.login(user.email)).status).toBe(303);
  expect(await h.server.db.prisma.signInThrottle.count({ where: { email: user.email } })).toBe(0);
  // one device each: the owner's browser signing in again is not a new one
  expect(await h.server.db.prisma.staffDevice.count({ where: { staffUserId: user.id } })).toBe(2);
});

test("guesses sent together when a wait ends get one try between them, in every process (the database decides)", async () => {
  const email = "together@example.org";
  for (let i = 0; i < 3; i++) await staffClient(h.server.url, { ip: freshIp() }).login(email, "guess");
  await waitOver(email);
  const statuses = await Promise.all(
    Array.from({ length: 6 }, () =>
      staffClient(h.server.url, { ip: freshIp() })
        .login(email, "guess")
        .then((r) => r.status),
    ),
  );
  expect(statuses.sort()).toEqual([401, 429, 429, 429, 429, 429]);
  expect((await throttleOf(email)).failures).toBe(4);
});

test("an admin sees an account's failed sign-ins on the accounts page and clears them", async () => {
  const user = await staffUser(h, "analyst");
  for (let i = 0; i < 3; i++) await staffClient(h.server.url, { ip: freshIp() }).login(user.email, "guess");
  await waitLonger(user.email);
  const phone = staffClient(h.server.url, { ip: freshIp() });
  expect((await phone.login(user.email)).status).toBe(429);
  const { c: admin, user: adminUser } = await signedIn(h, "admin", { ip: freshIp() });
  const entryOf = (page: string) =>
    page.slice(page.indexOf(user.email), page.indexOf("</li>", page.indexOf(user.email)));
  const entry = entryOf(await (await admin.request("/staff/users")).text());
  expect(entry).toMatch(/3 failed sign-ins, the last at [\d-]+ [\d:]+ UTC; others wait until/);
  expect(entry).toContain(`action="/staff/users/${user.id}/clear-sign-in"`);
  expect((await admin.post(`/staff/users/${user.id}/clear-sign-in`)).status).toBe(303);
  expect(entryOf(await (await admin.request("/staff/users")).text())).not.toContain("failed sign-in");
  expect((await phone.login(user.email)).status).toBe(303);
  expect(
    await h.server.db.prisma.auditLog.findFirst({ where: { action: "sign_in_cleared", staffUserId: adminUser.id } }),
  ).toMatchObject({ detail: { user: user.id } });
  expect((await admin.post(`/staff/users/${user.id}/clear-sign-in`)).status).toBe(400); // nothing left to clear
});

test("refused, limited and ended sign-ins are audited with the email, the address and why", async () => {
  const user = await staffUser(h, "caseworker");
  const ip = freshIp();
  await staffClient(h.server.url, { ip }).login(user.email, "guess");
  await staffClient(h.server.url, { ip }).login("nobody-here@example.org", "guess");
  const c = staffClient(h.server.url, { ip });
  await c.login(user.email);
  await c.post("/staff/logout");
  for (let i = 0; i < 5; i++) await staffClient(h.server.url, { ip }).login("x@example.org", "guess"); // past this address's limit
  const rows = await h.server.db.prisma.auditLog.findMany({
    where: { detail: { path: ["address"], equals: ip } },
    orderBy: { id: "asc" },
    select: { action: true, staffUserId: true, detail: true },
  });
  expect(rows.slice(0, 4)).toEqual([
    {
      action: "sign_in_refused",
      staffUserId: user.id,
      detail: { email: user.email, address: ip, reason: "wrong_password" },
    },
    {
      action: "sign_in_refused",
      staffUserId: null,
      detail: { email: "nobody-here@example.org", address: ip, reason: "no_such_account" },
    },
    { action: "signed_in", staffUserId: user.id, detail: { address: ip } },
    { action: "signed_out", staffUserId: user.id, detail: { address: ip } },
  ]);
  expect(rows.at(-1)).toEqual({
    action: "sign_in_refused",
    staffUserId: null,
    detail: { email: "x@example.org", address: ip, reason: "address_limited" },
  });
});

test("the audit page filters by who, action and day, pages with its filters, and exports them as CSV", async () => {
  const { c: admin, user: adminUser } = await signedIn(h, "admin", { ip: freshIp() });
  const target = await staffUser(h, "caseworker");
  const ip = freshIp();
  await staffClient(h.server.url, { ip }).login(target.email, "guess");
  // an entry from last year, which a date filter leaves out
  await h.server.db.prisma.auditLog.create({
    data: {
      staffUserId: target.id,
      action: "sign_in_refused",
      detail: { email: target.email, address: "10.0.0.1", reason: "wrong_password" },
      at: new Date("2025-03-01T10:00:00Z"),
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  const page = await (
    await admin.request(
      `/staff/audit?who=${encodeURIComponent(target.email.toUpperCase())}&action=sign_in_refused&from=${today}&to=${today}`,
    )
  ).text();
  expect(page).toContain(`<option selected>sign_in_refused</option>`);
  expect(page.match(/<li class="card">/g)).toHaveLength(1);
  expect(page).toContain(`email: ${target.email} · reason: wrong_password · address: ${ip}`);
  expect(page).not.toContain("{&quot;"); // words, not JSON
  expect(page).toContain(
    `href="/staff/audit.csv?who=${encodeURIComponent(target.email.toUpperCase())}&amp;action=sign_in_refused&amp;from=${today}&amp;to=${today}"`,
  );
  const all = await (await admin.request(`/staff/audit?who=${encodeURIComponent(target.email)}`)).text();
  expect(all.match(/<li class="card">/g)).toHaveLength(2);
  // a refused sign-in for an email with no account is found by the email typed
  await staffClient(h.server.url, { ip }).login("Typed-Only@example.org", "guess");
  expect(await (await admin.request("/staff/audit?who=typed-only")).text()).toContain("email: typed-only@example.org");
  // bad filters are dropped, not errors
  expect((await admin.request("/staff/audit?from=yesterday&to=2025-13-45&action=")).status).toBe(200);

  const csv = await admin.request(`/staff/audit.csv?who=${encodeURIComponent(target.email)}`);
  expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
  expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("at_utc,staff,action,conversation,detail");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toBe(
    `2025-03-01T10:00:00.000Z,${target.email},sign_in_refused,,email: ${target.email} · reason: wrong_password · address: 10.0.0.1`,
  );
  expect(
    await h.server.db.prisma.auditLog.findFirst({ where: { action: "audit_exported", staffUserId: adminUser.id } }),
  ).toMatchObject({ detail: { rows: 2 } });
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
  // named in the reader's language, as the person panel names it
  expect(page).toContain("Language: <strong>Arabic (ar)</strong>");
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(303);
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(409);
  // over Twilio's 1,600 characters: refused here with the reason, not failed later in the outbox
  const tooLong = await cw.post(`/staff/conversations/${contact.id}/reply`, { text: "أ".repeat(1601) });
  expect(tooLong.status).toBe(400);
  expect(await tooLong.text()).toContain("at most 1600 characters");
  expect((await cw.post(`/staff/conversations/${contact.id}/reply`, { text: "مرحباً، أنا سارة" })).status).toBe(303);
  expect((await cw.post(`/staff/conversations/${contact.id}/note`, { text: "<b>needs a lawyer</b>" })).status).toBe(
    303,
  );
  const after = await (await cw.request(`/staff/conversations/${contact.id}`)).text();
  expect(after).toContain("&lt;b&gt;needs a lawyer&lt;/b&gt;"); // escaped, never markup
  await h.server.db.prisma.contact.update({
    where: { id: contact.id },
    data: { lastInboundAt: new Date(Date.now() - 30 * 3600_000) },
  });
  const closedWindow = await (await cw.request(`/staff/conversations/${contact.id}`)).text();
  expect(closedWindow).toMatch(/24 hours/);
  expect((await cw.post(`/staff/conversations/${contact.id}/reply`, { text: "hello?" })).status).toBe(409);
  expect((await cw.post(`/staff/conversations/${contact.id}/hand-back`)).status).toBe(303);
  const actions = await h.server.db.prisma.auditLog.findMany({
    where: { contactId: contact.id },
    orderBy: { id: "asc" },
  });
  expect(actions.map((a) => a.action)).toEqual([
    "viewed",
    "took",
    "replied",
    "noted",
    "viewed",
    "viewed",
    "handed_back",
  ]);
});

test("admins manage accounts (disabling one ends its sessions) and read the audit log; others get 403", async () => {
  const admin = staffClient(h.server.url, { ip: freshIp() });
  await admin.login((await staffUser(h, "admin")).email);
  const cw = staffClient(h.server.url, { ip: freshIp() });
  const worker = await staffUser(h, "caseworker");
  await cw.login(worker.email);
  expect((await cw.request("/staff/users")).status).toBe(403);
  expect((await cw.request("/staff/audit")).status).toBe(403);

  expect(
    (await admin.post("/staff/users", { email: "New.Person@example.org", role: "analyst", password: "short" })).status,
  ).toBe(400);
  expect(
    (
      await admin.post("/staff/users", {
        email: "New.Person@example.org",
        role: "analyst",
        password: "a long enough password",
      })
    ).status,
  ).toBe(303);
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
  await createUser(h.server.db.prisma, {
    email: worker.email,
    role: "caseworker",
    passwordHash: await hashPassword("a brand new long password"),
  });
  expect((await intruder.request("/staff/inbox")).status).toBe(303);
  expect(
    (await staffClient(h.server.url, { ip: freshIp() }).login(worker.email, "a brand new long password")).status,
  ).toBe(303);
});

test("every view of a transcript is audited, also fetched alone; its live refreshes are not logged again", async () => {
  const p = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("HELP"),
    hear(/A person/),
    say("my private story"),
  ]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: p.phone } });
  const views = (staffUserId: number) =>
    h.server.db.prisma.auditLog.findMany({
      where: { staffUserId, contactId: contact.id },
      select: { action: true, detail: true },
    });
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
  for (let i = 0; i < 3; i++)
    expect((await cw.request(`/staff/conversations/${contact.id}/transcript`)).status).toBe(200);
  expect(await views(worker.id)).toEqual([{ action: "viewed", detail: {} }]);
  // a view logged longer ago than a session lasts (STAFF_SESSION_HOURS, 12 by default) does not count
  await h.server.db.prisma.auditLog.updateMany({
    where: { staffUserId: reader.id },
    data: { at: new Date(Date.now() - 13 * 3600_000) },
  });
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

test("an open live stream ends at the next poll once its session ends (account disabled, signed out); others go on", async () => {
  const open = async () => {
    const { c, user } = await signedIn(h, "caseworker", { ip: freshIp() });
    const res = await c.request("/staff/events");
    expect(res.status).toBe(200);
    return { user, c, stream: new LiveStream(res) };
  };
  const [disabled, signedOut, still] = [await open(), await open(), await open()];
  const { c: admin } = await signedIn(h, "admin", { ip: freshIp() });
  expect((await admin.post(`/staff/users/${disabled.user.id}/disable`)).status).toBe(303);
  expect((await signedOut.c.post("/staff/logout")).status).toBe(303);
  // the streams poll every STAFF_EVENTS_POLL_MS (1 s here): well within the 8 s waited
  await Promise.all([disabled.stream.read(8000), signedOut.stream.read(8000)]);
  expect([disabled.stream.ended, signedOut.stream.ended]).toEqual([true, true]);
  // the one still signed in keeps receiving the inbox's changes
  await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const text = await still.stream.read(1000);
  await still.stream.close();
  expect(still.stream.ended).toBe(false);
  expect(text).toContain("event: change");
}, 20_000);

test("a reply posted after the session ended gets the sign-in page with the typed text kept, then back to the conversation", async () => {
  const p = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const contact = await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: p.phone } });
  const { c: cw, user } = await signedIn(h, "caseworker", { ip: freshIp() });
  expect((await cw.post(`/staff/conversations/${contact.id}/take`)).status).toBe(303);
  // the session ends while the reply is typed (expired, or signed out in another tab)
  await h.server.db.prisma.staffSession.deleteMany({ where: { staffUserId: user.id } });
  const from = `${h.server.url}/staff/conversations/${contact.id}`;
  const typed = "Hello Amal, <b>your</b> appointment is on Monday at 10:00.";
  const res = await cw.request(`/staff/conversations/${contact.id}/reply`, {
    form: { _csrf: cw.csrf, text: typed },
    headers: { referer: from },
  });
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toMatch(/text\/html/);
  const page = await res.text();
  expect(page).toMatch(/Your session ended, so this was not done/);
  expect(page).toContain(
    `<textarea id="kept" name="kept" rows="4" readonly>Hello Amal, &lt;b&gt;your&lt;/b&gt; appointment is on Monday at 10:00.</textarea>`,
  );
  expect(page).toContain(`name="next" value="/staff/conversations/${contact.id}"`);
  expect(await h.server.db.prisma.message.count({ where: { contactId: contact.id, body: { contains: "Amal" } } })).toBe(
    0,
  );
  // a mistyped password keeps the text too; the right one goes back to the conversation
  const again = await cw.request("/staff/login", {
    form: {
      _csrf: csrfIn(page),
      email: user.email,
      password: "typo",
      next: `/staff/conversations/${contact.id}`,
      kept: typed,
    },
  });
  const againPage = await again.text();
  expect(againPage).toContain("appointment is on Monday");
  const signedBack = await cw.request("/staff/login", {
    form: {
      _csrf: csrfIn(againPage),
      email: user.email,
      password: PASSWORD,
      next: `/staff/conversations/${contact.id}`,
    },
  });
  expect(signedBack.status).toBe(303);
  expect(signedBack.headers.get("location")).toBe(`/staff/conversations/${contact.id}`);
  // a page left open past a new sign-in (its old form token): an HTML page with the text kept, not text/plain
  const stale = await cw.request(`/staff/conversations/${contact.id}/note`, {
    form: { _csrf: "from-the-old-session", text: "called her back" },
  });
  expect(stale.status).toBe(403);
  expect(await stale.text()).toMatch(/This page was out of date[\s\S]*called her back/);
});
