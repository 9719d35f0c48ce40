import { RECORD_ACCESS_MS } from "../../src/domain/handoff/service.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { hear, playLive, say } from "../support/live-transcript.ts";
import { signedIn } from "../support/staff.ts";
import { ROLES } from "../../src/domain/roles.ts";
import { STAFF_PAGES } from "../../src/staff/page-table.ts";

// Who may open whose conversation, and who may write notes on it (Chatwoot-like: caseworkers work on
// conversations handed to staff; anything else is an admin's, or opened with a reason that is audited).
let h: Harness;
let anyone: Harness | undefined;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
  await anyone?.close();
});

const contactOf = async (server: Harness, phone: string) =>
  (await server.server.db.prisma.contact.findFirstOrThrow({ where: { address: phone } })).id;
const unescapeQuotes = (page: string) => page.replaceAll("&#39;", "'");

test("each role's navigation lists exactly the listed pages it may open; every listed page opens for those roles only", async () => {
  const listed = Object.values(STAFF_PAGES).filter((p) => p.nav);
  for (const role of ROLES) {
    const { c } = await signedIn(h, role);
    const nav = /<nav class="row">(.*?)<\/nav>/s.exec(await (await c.request("/staff/account")).text())?.[1] ?? "";
    const links = [...nav.matchAll(/href="\/staff([^"]+)"/g)].map((m) => m[1]);
    const mine = listed.filter((p) => p.roles.some((r) => r === role));
    expect([role, links]).toEqual([role, mine.map((p) => p.path)]);
    for (const page of listed) {
      const status = (await c.request(`/staff${page.path}`)).status;
      expect([role, page.path, status]).toEqual([role, page.path, mine.includes(page) ? 200 : 403]);
    }
  }
  // what this replaced, written out: analysts see needs, helpfulness, insights and feedback, caseworkers the inbox, search and referrals
  expect(listed.filter((p) => p.roles.some((r) => r === "analyst")).map((p) => p.path)).toEqual([
    "/needs",
    "/helpfulness",
    "/insights",
    "/feedback",
  ]);
  expect(listed.filter((p) => p.roles.some((r) => r === "caseworker")).map((p) => p.path)).toEqual([
    "/inbox",
    "/search",
    "/referrals",
  ]);
  // a partner organisation's account: its own referrals, nothing else
  expect(listed.filter((p) => p.roles.some((r) => r === "partner")).map((p) => p.path)).toEqual(["/referrals"]);
}, 60_000);

test("a caseworker cannot open a person the bot alone answers, nor note on them; opening their record needs a reason, is audited, is theirs alone and ends", async () => {
  const prisma = h.server.db.prisma;
  const person = await playLive(h, { lang: "en" }, [say("my number is +30 691 234 5678"), hear(/How can we help/)]);
  const id = await contactOf(h, person.phone);
  const page = `/staff/conversations/${id}`;
  const { c: cw, user } = await signedIn(h, "caseworker");
  const { c: other } = await signedIn(h, "caseworker");

  const refused = await cw.request(page);
  expect(refused.status).toBe(403);
  const form = unescapeQuotes(await refused.text());
  expect(form).toContain("Open this person's record?");
  expect(form).toContain(`action="${page}/open"`);
  expect(form).not.toContain("691 234 5678");
  expect((await cw.request(`${page}/transcript`)).status).toBe(403);
  expect((await cw.post(`${page}/note`, { text: "looked anyway" })).status).toBe(403);
  expect(await prisma.conversationNote.count({ where: { contactId: id } })).toBe(0);

  // the reason is required
  expect((await cw.post(`${page}/open`, { reason: "  " })).status).toBe(400);
  expect((await cw.request(page)).status).toBe(403);
  const why = "The partner clinic called about her referral; checking what she asked";
  const opened = await cw.post(`${page}/open`, { reason: why });
  expect([opened.status, opened.headers.get("location")]).toEqual([303, `${page}?done=open`]);
  const shown = await cw.request(`${page}?done=open`);
  expect(shown.status).toBe(200);
  expect(await shown.text()).toContain("691 234 5678");
  const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "record_opened", contactId: id } });
  expect(entry).toMatchObject({ staffUserId: user.id, detail: { reason: why } });
  // opened by one caseworker, not by the team
  expect((await other.request(page)).status).toBe(403);
  // and for a limited time
  await prisma.auditLog.update({
    where: { id: entry.id },
    data: { at: new Date(Date.now() - RECORD_ACCESS_MS - 60_000) },
  });
  expect((await cw.request(page)).status).toBe(403);

  const { c: admin } = await signedIn(h, "admin");
  expect((await admin.request(page)).status).toBe(200);
}, 60_000);

test("conversations that are or were handed to staff open to every caseworker; notes on one another holds are refused by default", async () => {
  const prisma = h.server.db.prisma;
  const person = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const id = await contactOf(h, person.phone);
  const page = `/staff/conversations/${id}`;
  const { c: holder, user: holderUser } = await signedIn(h, "caseworker");
  const { c: other } = await signedIn(h, "caseworker");
  expect((await other.request(page)).status).toBe(200);
  expect((await holder.post(`${page}/take`)).status).toBe(303);

  const seen = unescapeQuotes(await (await other.request(page)).text());
  expect(seen).not.toContain(`action="${page}/note"`);
  expect(seen).toContain(`Notes on this conversation are for ${holderUser.email} (your team's setting).`);
  expect((await other.post(`${page}/note`, { text: "I know her family" })).status).toBe(409);
  expect((await holder.post(`${page}/note`, { text: "Called back, safe" })).status).toBe(303);
  const { c: admin, user: adminUser } = await signedIn(h, "admin");
  expect((await admin.post(`${page}/note`, { text: "Supervision: follow up Monday" })).status).toBe(303);
  const notes = await prisma.conversationNote.findMany({ where: { contactId: id }, orderBy: { id: "asc" } });
  expect(notes.map((n) => [n.body, n.heldById])).toEqual([
    ["Called back, safe", null],
    ["Supervision: follow up Monday", holderUser.id],
  ]);
  expect(unescapeQuotes(await (await holder.request(page)).text())).toContain(
    `${adminUser.email} on ${holderUser.email}'s conversation`,
  );

  // handed back to the bot, it was handed to staff once: still open to caseworkers
  expect((await holder.post(`${page}/hand-back`)).status).toBe(303);
  expect((await other.request(page)).status).toBe(200);
}, 60_000);

test("the page shows the moves the deeds accept: take while it waits; hand back and close to its holder once taken", async () => {
  const person = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const page = `/staff/conversations/${await contactOf(h, person.phone)}`;
  const { c: holder } = await signedIn(h, "caseworker");
  const { c: other } = await signedIn(h, "caseworker");
  const buttons = async (c: typeof holder) => {
    const text = await (await c.request(page)).text();
    return ["take", "hand-back", "close"].filter((move) => text.includes(`action="${page}/${move}"`));
  };
  expect(await buttons(other)).toEqual(["take", "hand-back", "close"]);
  expect((await holder.post(`${page}/take`)).status).toBe(303);
  expect(await buttons(holder)).toEqual(["hand-back", "close"]);
  expect(await buttons(other)).toEqual([]);
  expect((await other.post(`${page}/close`)).status).toBe(409);
  expect((await other.post(`${page}/take`)).status).toBe(409);
  expect((await holder.post(`${page}/close`)).status).toBe(303);
  expect(await buttons(holder)).toEqual([]);
}, 60_000);

test("STAFF_NOTES_ON_TAKEN=anyone: any caseworker notes on a conversation another holds, and the note says whose it was", async () => {
  anyone = await startHarness({ STAFF_NOTES_ON_TAKEN: "anyone" });
  const person = await playLive(anyone, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const page = `/staff/conversations/${await contactOf(anyone, person.phone)}`;
  const { c: holder, user: holderUser } = await signedIn(anyone, "caseworker");
  const { c: other, user: otherUser } = await signedIn(anyone, "caseworker");
  expect((await holder.post(`${page}/take`)).status).toBe(303);
  expect(unescapeQuotes(await (await other.request(page)).text())).toContain(
    `Private note (never sent) on ${holderUser.email}'s conversation`,
  );
  expect((await other.post(`${page}/note`, { text: "I know her family" })).status).toBe(303);
  expect(unescapeQuotes(await (await holder.request(page)).text())).toContain(
    `${otherUser.email} on ${holderUser.email}'s conversation`,
  );
}, 60_000);
