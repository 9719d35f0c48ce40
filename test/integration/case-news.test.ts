import { vi } from "vitest";
import { importCasesCsv } from "../../src/domain/cases/import-csv.ts";
import { runHousekeeping } from "../../src/domain/housekeeping.ts";
import { eventually } from "../support/eventually.ts";
import { capturedLog } from "../support/faults.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { conversation, helpfulQuestion } from "../support/live-transcript.ts";
import { signedIn } from "../support/staff.ts";

// "There is news about your file": people who verified a case and said yes to being written to get one message
// when it changes (the cases API, a CSV import, the staff cases page), through the real webhook, database and
// outbox; the Twilio stand-in records what left.

// every verification checks an argon2 hash (slow on purpose)
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const API_KEY = "test-cases-key-0123456789abcdef";
const QUIET_SECONDS = 2;
const EN_TEMPLATE = `HX${"e1".repeat(16)}`;
const AR_TEMPLATE = `HX${"a2".repeat(16)}`;
const NEWS = "There is news about your file. Reply CASE to see it.";

const { log, logs } = capturedLog();
let h: Harness;
beforeAll(async () => {
  h = await startHarness(
    {
      CASES_API_KEY: API_KEY,
      TIME_ZONE: "Europe/Athens",
      CASE_NEWS_QUIET_SECONDS: String(QUIET_SECONDS),
      CASE_NEWS_TEMPLATES: `en=${EN_TEMPLATE}, ar=${AR_TEMPLATE}`,
    },
    { log },
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const prisma = () => h.server.db.prisma;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** long enough for news past its quiet period to have been queued and sent, had it been due */
const pastQuietPeriod = () => sleep(QUIET_SECONDS * 1000 + 1500);

/** POST /api/cases, as a case management system pushes a case's whole state. */
async function pushCase(c: Record<string, unknown>) {
  const res = await fetch(`${h.server.url}/api/cases`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(c),
  });
  expect(res.status).toBe(200);
}

let cases = 0;
/** A new case with PIN 1234: its number. */
async function newCase(): Promise<string> {
  const caseNumber = `NEWS-${++cases}-${process.pid % 1000}`;
  await pushCase({ caseNumber, factorKind: "pin", factor: "1234", stage: "registered" });
  return caseNumber;
}

type Person = Awaited<ReturnType<typeof conversation>> & { address: string; lang: string; askedIfHelped?: true };

/** A person who answered "may we write to you first?" through UPDATES. */
async function person(opts: { lang: string; channel: "sms" | "whatsapp"; consent: boolean }): Promise<Person> {
  const c = await conversation(h, { lang: opts.lang, channel: opts.channel });
  await c.send("hi");
  expect(await c.send("UPDATES")).toHaveLength(1);
  await c.send(opts.consent ? "1" : "2");
  return { ...c, lang: opts.lang, address: opts.channel === "whatsapp" ? `whatsapp:${c.phone}` : c.phone };
}

/** CASE, the case number and the PIN: the usual check; returns what the bot said last (the case's status). */
async function verify(p: Person, caseNumber: string): Promise<string> {
  expect(await p.send("CASE")).toEqual([expect.stringMatching(/case number|ملفك|numéro de dossier/)]);
  await p.send(caseNumber);
  const [status, ...after] = await p.send("1234");
  // the check ends with "Did this help?", not asked again within HELPFULNESS_QUIET_HOURS
  expect(after).toEqual(p.askedIfHelped ? [] : [expect.stringContaining(helpfulQuestion(p.lang))]);
  p.askedIfHelped = true;
  return status!;
}

/** the news in English, or an approved template (a content SID not made here for a menu) */
const newsTo = (p: Person) =>
  h.twilio.sent.filter((m) => m.to === p.address && (m.body === NEWS || (m.contentSid && !m.content)));
const contactId = async (p: Person) =>
  (await prisma().contact.findFirstOrThrow({ where: { address: p.phone }, select: { id: true } })).id;
const auditOf = async (p: Person, action: string) =>
  prisma().auditLog.findMany({ where: { action, contactId: await contactId(p) }, orderBy: { id: "asc" } });

test("two quick changes send one message, after the quiet period, to the follower who said yes; CASE shows them", async () => {
  const caseNumber = await newCase();
  const yes = await person({ lang: "en", channel: "sms", consent: true });
  const no = await person({ lang: "en", channel: "whatsapp", consent: false });
  const stranger = await person({ lang: "en", channel: "sms", consent: true });
  expect(await verify(yes, caseNumber)).toMatch(/Registered\./);
  expect(await verify(no, caseNumber)).toMatch(/Registered\./);
  // the stranger verified another case only
  await verify(stranger, await newCase());

  const { c: admin } = await signedIn(h, "admin");
  const changedAt = Date.now();
  await pushCase({ caseNumber, stage: "interview_scheduled" });
  // the staff cases page's import, within the quiet period: the same message covers it
  const res = await admin.post("/staff/cases/import", {
    csv: `case_number,stage,next_appointment,next_step\n${caseNumber},interview_scheduled,2027-03-08T10:00+02:00,Bring your ID`,
  });
  expect(res.status).toBe(200);
  expect(Date.now() - changedAt).toBeLessThan(QUIET_SECONDS * 1000);

  const [news] = await eventually(async () => {
    const sent = newsTo(yes);
    expect(sent).toHaveLength(1);
    return sent;
  });
  expect(news!.at - changedAt).toBeGreaterThanOrEqual(QUIET_SECONDS * 1000);
  // a plain text on SMS: no template, no case detail
  expect(news).toMatchObject({ body: NEWS, contentSid: undefined });
  expect(await yes.received()).toEqual([NEWS]);
  await pastQuietPeriod();
  expect(newsTo(yes)).toHaveLength(1);
  expect(newsTo(no)).toEqual([]);
  expect(newsTo(stranger)).toEqual([]);

  // audited without phone numbers: queued once for the two changes, then sent
  const caseId = (await prisma().case.findFirstOrThrow({ where: { caseNumber } })).id;
  expect((await auditOf(yes, "case_news_queued")).map((a) => a.detail)).toEqual([{ caseId }]);
  expect((await auditOf(yes, "case_news_sent")).map((a) => a.detail)).toEqual([{ caseId, via: "text" }]);
  expect(await auditOf(no, "case_news_queued")).toEqual([]);
  const entries = await prisma().auditLog.findMany({ where: { action: { startsWith: "case_news" } } });
  expect(JSON.stringify(entries)).not.toContain(yes.phone.slice(1));
  // the transcript keeps the message as sent
  expect(
    await prisma().message.count({ where: { contactId: await contactId(yes), direction: "out", body: NEWS } }),
  ).toBe(1);

  // CASE: the usual check, then the news
  expect(await verify(yes, caseNumber)).toMatch(
    /Your case: Interview scheduled\.\nNext step: Bring your ID\nAppointment: Monday, March 8, 2027 at 10:00 AM/,
  );

  // the same state sent again (a re-sent file) is no news
  await importCasesCsv(
    prisma(),
    `case_number,stage,next_appointment,next_step\n${caseNumber},interview_scheduled,2027-03-08T08:00Z,Bring your ID`,
  );
  await pastQuietPeriod();
  expect(newsTo(yes)).toHaveLength(1);
  expect(await auditOf(yes, "case_news_queued")).toHaveLength(1);
});

test("consent taken back during the quiet period: nothing is sent, and the skip is audited", async () => {
  const caseNumber = await newCase();
  const p = await person({ lang: "en", channel: "sms", consent: true });
  await verify(p, caseNumber);
  await pushCaseIn(caseNumber);
  // "no" to UPDATES within the quiet period (written as the turn writes it: quicker than a conversation)
  await prisma().contact.update({ where: { id: await contactId(p) }, data: { updatesConsent: false } });
  await eventually(async () => expect(await auditOf(p, "case_news_skipped")).toHaveLength(1));
  expect((await auditOf(p, "case_news_skipped"))[0]?.detail).toMatchObject({ reason: "no_consent" });
  expect(newsTo(p)).toEqual([]);
});

test("news of two cases for one person, due together: one message, each case's news audited", async () => {
  const p = await person({ lang: "en", channel: "sms", consent: true });
  const caseIds = await Promise.all(
    [await newCase(), await newCase()].map(
      async (caseNumber) => (await prisma().case.findFirstOrThrow({ where: { caseNumber } })).id,
    ),
  );
  // as two changes leave them, written at once so that one round claims both
  const contact = await contactId(p);
  const changedAt = new Date(Date.now() - QUIET_SECONDS * 1000);
  await prisma().caseNews.createMany({ data: caseIds.map((caseId) => ({ caseId, contactId: contact, changedAt })) });
  await eventually(async () => expect(await auditOf(p, "case_news_sent")).toHaveLength(2));
  expect((await auditOf(p, "case_news_sent")).map((a) => a.detail)).toEqual(
    expect.arrayContaining(caseIds.map((caseId) => ({ caseId, via: "text" }))),
  );
  // written with the audit entries: one reply
  expect(await prisma().message.count({ where: { contactId: contact, direction: "out", body: NEWS } })).toBe(1);
  await eventually(async () => expect(newsTo(p)).toHaveLength(1));
  expect(await prisma().caseNews.count({ where: { contactId: contact } })).toBe(0);
});

/** A change through the CSV importer (as `npm run import:cases` runs it). */
async function pushCaseIn(caseNumber: string) {
  const report = await importCasesCsv(prisma(), `case_number,stage\n${caseNumber},decision`);
  expect(report).toMatchObject({ updated: 1, problems: [] });
}

test("WhatsApp outside the 24-hour window: the language's approved template; without one, logged and not sent", async () => {
  const caseNumber = await newCase();
  const ar = await person({ lang: "ar", channel: "whatsapp", consent: true });
  const fr = await person({ lang: "fr", channel: "whatsapp", consent: true });
  const inside = await person({ lang: "fr", channel: "whatsapp", consent: true });
  for (const p of [ar, fr, inside]) await verify(p, caseNumber);
  // a day and more since the two last wrote
  const dayAgo = new Date(Date.now() - 25 * 3_600_000);
  await prisma().contact.updateMany({
    where: { id: { in: [await contactId(ar), await contactId(fr)] } },
    data: { lastInboundAt: dayAgo },
  });

  await pushCaseIn(caseNumber);
  const [template] = await eventually(async () => {
    const sent = newsTo(ar);
    expect(sent).toHaveLength(1);
    return sent;
  });
  expect(template).toMatchObject({ contentSid: AR_TEMPLATE });
  // the transcript keeps the text the template says, in the person's language
  const out = await prisma().message.findFirstOrThrow({
    where: { contactId: await contactId(ar), direction: "out" },
    orderBy: { id: "desc" },
  });
  expect(out.body).toBe("هناك أخبار عن ملفك. أرسل CASE لرؤيتها.");
  // inside the window: the text in French
  await eventually(async () =>
    expect(h.twilio.to(inside.address).at(-1)).toBe(
      "Il y a du nouveau dans votre dossier. Répondez CASE pour le voir.",
    ),
  );
  // French has no template: logged, audited, not sent (nor by SMS, which is not configured)
  await eventually(async () =>
    expect((await auditOf(fr, "case_news_skipped")).map((a) => a.detail)).toEqual([
      expect.objectContaining({ reason: "no_template" }),
    ]),
  );
  expect(logs).toContainEqual(
    expect.objectContaining({ language: "fr", msg: expect.stringMatching(/no WhatsApp template/) }),
  );
  expect(newsTo(fr)).toEqual([]);
  expect(h.twilio.sent.filter((m) => m.to === fr.phone)).toEqual([]);
});

test("a restart in the quiet period and after the message: it is sent once", async () => {
  const caseNumber = await newCase();
  const p = await person({ lang: "en", channel: "sms", consent: true });
  await verify(p, caseNumber);
  await pushCaseIn(caseNumber);
  await h.restart();
  await eventually(async () => expect(newsTo(p)).toHaveLength(1));
  await h.restart();
  await pastQuietPeriod();
  expect(newsTo(p)).toHaveLength(1);
  expect(await prisma().caseNews.count()).toBe(0);
});

test("ERASE removes the person's link to the case, and the retention job ends old ones", async () => {
  const caseNumber = await newCase();
  const erased = await person({ lang: "en", channel: "sms", consent: true });
  const old = await person({ lang: "en", channel: "sms", consent: true });
  await verify(erased, caseNumber);
  await verify(old, caseNumber);
  const caseId = (await prisma().case.findFirstOrThrow({ where: { caseNumber } })).id;
  expect(await prisma().caseFollower.count({ where: { caseId } })).toBe(2);

  expect(await erased.send("ERASE")).toEqual([expect.stringMatching(/^Erase your data\?/)]);
  await erased.send("yes");
  expect(await prisma().caseFollower.count({ where: { caseId } })).toBe(1);

  const later = new Date(Date.now() + 366 * 86_400_000);
  const done = await runHousekeeping(
    prisma(),
    { needsTextDays: undefined, caseFollowDays: 365, journeys: { days: 90, leftAfterSeconds: 3600 } },
    later,
  );
  expect(done.caseFollowers).toBeGreaterThanOrEqual(1);
  expect(await prisma().caseFollower.count({ where: { caseId } })).toBe(0);

  await pushCaseIn(caseNumber);
  await pastQuietPeriod();
  expect(newsTo(erased)).toEqual([]);
  expect(newsTo(old)).toEqual([]);
});

test("with CASE_NEWS_SMS_FROM, WhatsApp without a template in the language sends the text by SMS from that number", async () => {
  const main = h;
  const SMS_FROM = "+15005550009";
  h = await startHarness({
    CASES_API_KEY: API_KEY,
    CASE_NEWS_QUIET_SECONDS: String(QUIET_SECONDS),
    CASE_NEWS_SMS_FROM: SMS_FROM,
  });
  try {
    const caseNumber = await newCase();
    const p = await person({ lang: "en", channel: "whatsapp", consent: true });
    await verify(p, caseNumber);
    await prisma().contact.update({
      where: { id: await contactId(p) },
      data: { lastInboundAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    await pushCaseIn(caseNumber);
    const sms = await eventually(async () => {
      const sent = h.twilio.sent.filter((m) => m.to === p.phone);
      expect(sent).toHaveLength(1);
      return sent[0]!;
    });
    expect(sms).toMatchObject({ from: SMS_FROM, body: NEWS, contentSid: undefined });
    expect((await auditOf(p, "case_news_sent")).map((a) => a.detail)).toEqual([
      expect.objectContaining({ via: "sms" }),
    ]);
    expect(newsTo(p)).toEqual([]);
  } finally {
    await h.close();
    h = main;
  }
});
