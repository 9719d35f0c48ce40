import type { Prisma } from "../../src/db/database.ts";
import { ERASED_SID_KEEP_MS, sidHasher } from "../../src/domain/contacts/erased-sids.ts";
import { runHousekeeping } from "../../src/domain/housekeeping.ts";
import { AUTH_TOKEN } from "../support/harness.ts";
import { newMessageSid } from "../support/twilio-signing.ts";
import { harnessForFile } from "../support/harness.ts";
import { conversation, hear, playLive, say } from "../support/live-transcript.ts";
import { signedIn, staffUser } from "../support/staff.ts";

const h = harnessForFile();

/** Every row of every table, as JSON, that holds one of these strings: after an erasure, none may. */
async function rowsHolding(prisma: Prisma, ...needles: string[]): Promise<string[]> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    for (const { row } of rows) if (needles.some((n) => row.includes(n))) found.push(`${name}: ${row}`);
  }
  return found;
}

/**
 * What else a person leaves behind, written as staff and the find-help journey would: referrals, a note.
 * Their words carry the contact's id, so no test reads another's. (Case lookup attempts hold only hashes
 * and outlive an erasure on purpose: see test/integration/case-status.test.ts.)
 */
async function traces(contactId: number) {
  const prisma = h.server.db.prisma;
  const partner = await prisma.partner.create({
    data: {
      code: `erase-${contactId}`,
      name: "Harbour Clinic",
      services: ["health"],
      areas: ["athens"],
      languages: ["en"],
      phone: "+30 210 0000000",
      hours: "Mon-Fri",
    },
  });
  const referral = {
    contactId,
    partnerId: partner.id,
    service: "health",
    name: `Amina Rahimi ${contactId}`,
    consentAt: new Date(),
  };
  const unsent = await prisma.referral.create({ data: { ...referral, status: "new" } });
  const received = await prisma.referral.create({ data: { ...referral, status: "accepted" } });
  const caseworker = await staffUser(h, "caseworker");
  await prisma.conversationNote.create({
    data: { contactId, staffUserId: caseworker.id, body: `Her cousin is in Piraeus (${contactId})` },
  });
  return { unsent, received, words: [referral.name, `Piraeus (${contactId})`] };
}

const contactOf = (phone: string) => h.server.db.prisma.contact.findFirst({ where: { address: phone } });

test("English on WhatsApp: ERASE mid-journey, a vague answer keeps everything; asked again and confirmed, nothing of theirs is left", async () => {
  const prisma = h.server.db.prisma;
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("4"),
    hear(/What do you need help with/),
    say("shelter"),
    hear(/How soon/),
    say("1"),
    hear(/Where are you/),
    say("1"),
    hear(/own words/),
    say("My family sleeps outside near the port"),
    hear(/Your reference number is (N-\w{5})/),
    say("MENU"),
    hear(/How can we help/),
    say("3"),
    hear(/^What do you need help with/),
    // at any point, like MENU or STOP
    say("ERASE"),
    hear(
      /^We can erase what we hold about you: [\s\S]*If a partner already has your referral, please ask them directly\. Erase everything\?\n1\. Yes, erase everything\n2\. No, keep it$/,
    ),
    say("maybe later"),
    hear("Nothing was erased. Send MENU for the menu."),
  ]);
  const contact = await contactOf(c.phone);
  expect(contact).not.toBeNull();
  const { unsent, received, words } = await traces(contact!.id);
  const [need] = await prisma.need.findMany({ where: { contactId: contact!.id } });
  expect(need).toMatchObject({ text: "My family sleeps outside near the port", category: "shelter" });
  const countsBefore = await prisma.need.count({ where: { category: "shelter", area: "athens" } });
  // the search that must come back empty afterwards does find
  // them now: contact, transcript, outbox, need, referrals, note
  expect(
    new Set((await rowsHolding(prisma, c.phone.slice(1), "sleeps outside", ...words)).map((r) => r.split(":")[0])),
  ).toEqual(new Set(["Contact", "Session", "Message", "Outbox", "Need", "Referral", "ConversationNote"]));

  await playLive(h, { phone: c.phone }, [
    say("delete"),
    hear(/^We can erase what we hold about you/),
    say("yes"),
    hear("Your data is erased. If you write again, we will start fresh. Take care."),
  ]);
  // the farewell reached Twilio (read above) and left no row behind, nor did anything else of theirs
  expect(await rowsHolding(prisma, c.phone.slice(1), "sleeps outside", "maybe later", ...words)).toEqual([]);
  expect(await prisma.need.findUnique({ where: { id: need!.id } })).toMatchObject({
    contactId: null,
    text: "",
    areaOther: null,
    category: "shelter",
    urgency: "today",
    area: "athens",
    language: "en",
    textErasedAt: expect.any(Date),
  });
  expect(await prisma.need.count({ where: { category: "shelter", area: "athens" } })).toBe(countsBefore);
  // a referral never passed on is gone; one the partner has keeps its status for the follow-up counts, naming no one
  expect(await prisma.referral.findUnique({ where: { id: unsent.id } })).toBeNull();
  expect(await prisma.referral.findUnique({ where: { id: received.id } })).toMatchObject({
    contactId: null,
    name: "",
    status: "accepted",
  });
  const entry = await prisma.auditLog.findFirstOrThrow({
    where: { action: "contact_erased" },
    orderBy: { id: "desc" },
  });
  expect(entry).toMatchObject({
    staffUserId: null,
    contactId: null,
    detail: { by: "person", channel: "whatsapp", needs: 1, referralsDeleted: 1, referralsKept: 1 },
  });

  // writing again, they are simply someone new
  await playLive(h, { phone: c.phone }, [say("hello"), hear(/Choose your language/)]);
  const again = await contactOf(c.phone);
  expect(again).toMatchObject({ language: null, optedOut: false });
  expect(again!.id).not.toBe(contact!.id);
}, 60_000);

test("a signed webhook of theirs replayed after ERASE (a Twilio retry, a captured request) is refused: no contact comes back, nothing is sent, and only a keyed hash of the SID is kept, until its time is up", async () => {
  const prisma = h.server.db.prisma;
  const c = await conversation(h, { lang: "en" });
  const sid = newMessageSid();
  expect((await h.say(c.phone, "hi", { channel: "whatsapp", sid })).status).toBe(200);
  expect(await c.received()).toEqual([expect.stringMatching(/How can we help/)]);
  expect(await c.send("ERASE")).toEqual([expect.stringMatching(/^We can erase what we hold about you/)]);
  expect(await c.send("yes")).toEqual(["Your data is erased. If you write again, we will start fresh. Take care."]);

  const replay = () => h.say(c.phone, "hi", { channel: "whatsapp", sid });
  expect((await replay()).status).toBe(200);
  expect(await c.received()).toEqual([]);
  expect(await contactOf(c.phone)).toBeNull();
  // no SID, no number: a hash keyed by the auth token, which a table dump alone cannot match to Twilio's logs
  expect(await rowsHolding(prisma, sid, c.phone.slice(1))).toEqual([]);
  expect(await prisma.erasedMessageSid.findUnique({ where: { sidHash: sidHasher(AUTH_TOKEN)(sid) } })).toMatchObject({
    expiresAt: expect.any(Date),
  });

  // the housekeeping removes the hashes once their time is up;
  // the same request would then be a new person's first message
  const later = new Date(Date.now() + ERASED_SID_KEEP_MS + 60_000);
  expect(
    (
      await runHousekeeping(
        prisma,
        { needsTextDays: undefined, caseFollowDays: 365, journeys: { days: 90, leftAfterSeconds: 3600 } },
        later,
      )
    ).erasedSids,
  ).toBeGreaterThanOrEqual(3);
  expect((await replay()).status).toBe(200);
  expect(await c.received()).toEqual([expect.stringMatching(/^Choose your language/)]);
}, 60_000);

test("Arabic on SMS: the Arabic word, a no, then the English keyword and a yes; the farewell is in Arabic", async () => {
  const prisma = h.server.db.prisma;
  const c = await playLive(h, { lang: "ar", channel: "sms" }, [
    say("امسح"),
    hear(/^مسح بياناتك؟ [\s\S]*نعم، امسح كل شيء[\s\S]*لا، أبقِها$/),
    say("لا"),
    hear(/^لم يُمسح شيء/),
  ]);
  expect(await prisma.message.count({ where: { contact: { address: c.phone } } })).toBe(4);
  await playLive(h, { phone: c.phone, channel: "sms" }, [
    say("ERASE"),
    hear(/^مسح بياناتك؟/),
    say("نعم"),
    hear("تم مسح بياناتك. إذا كتبت لنا مجددًا، نبدأ من جديد. اعتنِ بنفسك."),
  ]);
  expect(h.twilio.to(c.phone).at(-1)).toMatch(/^تم مسح بياناتك/);
  expect(await rowsHolding(prisma, c.phone.slice(1), "امسح")).toEqual([]);
  await playLive(h, { phone: c.phone, channel: "sms" }, [say("مرحبا"), hear(/اللغة/)]);
}, 60_000);

test("after STOP a person can still erase: ERASE asks, yes erases, and nothing of theirs is left", async () => {
  const prisma = h.server.db.prisma;
  const c = await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("STOP"),
    hear(/You will not get more messages/),
    say("ERASE"),
    hear(/^We can erase what we hold about you/),
    say("yes"),
    hear("Your data is erased. If you write again, we will start fresh. Take care."),
  ]);
  expect(await rowsHolding(prisma, c.phone.slice(1))).toEqual([]);
}, 60_000);

test("a new person's welcome names ERASE, and that word asks to erase: English on WhatsApp, Arabic on SMS", async () => {
  await playLive(h, {}, [
    say("hi"),
    hear(/^Choose your language/),
    say("1"),
    hear("Thank you. We will write in English."),
    hear(/, ERASE to delete your data, /),
    hear(/^Privacy: .* until you send ERASE, which deletes them\./),
    hear(/^May we write to you first/),
    say("ERASE"),
    hear(/^We can erase what we hold about you/),
  ]);
  await playLive(h, { channel: "sms" }, [
    // an Arabic-script greeting gets the Arabic-script languages first: Arabic is 1
    say("مرحبا"),
    hear(/^اللغة \/ زبان \/ ژبه \/ Language:\n\u200e1\. العربية\n/),
    say("1"),
    hear("شكراً. سنكتب لك بالعربية."),
    hear(/، ERASE لمسح بياناتك، /),
    hear(/^الخصوصية: .* حتى ترسل ERASE فتُحذف\./),
    hear(/^هل يمكننا مراسلتك أولاً/),
    say("ERASE"),
    hear(/^مسح بياناتك؟/),
  ]);
}, 60_000);

test("staff: an admin erases a person after a confirm step; a caseworker may not; the form needs its token", async () => {
  const prisma = h.server.db.prisma;
  const c = await conversation(h, { lang: "en" });
  await c.send("HELP");
  const contact = (await contactOf(c.phone))!;
  const { words } = await traces(contact.id);
  const { c: cw } = await signedIn(h, "caseworker");
  const page = `/staff/conversations/${contact.id}`;
  const seen = await cw.request(page);
  expect(seen.status).toBe(200);
  const seenPage = await seen.text();
  expect(seenPage).toContain(`action="${page}/note"`);
  expect(seenPage).not.toContain("/erase");
  expect((await cw.request(`${page}/erase`)).status).toBe(403);
  expect((await cw.post(`${page}/erase`)).status).toBe(403);

  const { c: a, user: admin } = await signedIn(h, "admin");
  expect(await (await a.request(page)).text()).toContain(`href="${page}/erase"`);
  const confirm = await a.request(`${page}/erase`);
  expect(confirm.status).toBe(200);
  expect(await confirm.text()).toMatch(/This cannot be undone[\s\S]*<button>Erase everything<\/button>/);
  expect((await a.request(`${page}/erase`, { form: { _csrf: "forged" } })).status).toBe(403);
  expect(await contactOf(c.phone)).not.toBeNull();

  const done = await a.post(`${page}/erase`);
  expect(done.status).toBe(303);
  expect(done.headers.get("location")).toBe("/staff/inbox?done=erased");
  expect(await (await a.request("/staff/inbox?done=erased")).text()).toContain("The person&#39;s data is erased.");
  expect(await rowsHolding(prisma, c.phone.slice(1), ...words)).toEqual([]);
  expect(
    await prisma.auditLog.findFirstOrThrow({ where: { action: "contact_erased" }, orderBy: { id: "desc" } }),
  ).toMatchObject({
    staffUserId: admin.id,
    contactId: null,
    detail: { by: "staff", channel: "whatsapp", referralsDeleted: 1, referralsKept: 1 },
  });
  expect((await a.post(`${page}/erase`)).status).toBe(404);
  // a turn still queued for them finds nobody, and is not taken for a contact another process holds (retried forever)
  const ended = await Promise.race([
    h.server.processor.enqueue(contact.id).then(() => "ended"),
    new Promise((r) => setTimeout(() => r("still waiting"), 5_000)),
  ]);
  expect(ended).toBe("ended");
  expect(await contactOf(c.phone)).toBeNull();
}, 60_000);
