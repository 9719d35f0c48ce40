// Exactly once without status callbacks (issue 19 part 6): a reply whose send may have reached Twilio unheard is
// looked up in Twilio's Messages list before it goes again. The stand-in sends no status callbacks here.
import { basicAuth } from "../../src/channels/twilio/rest.ts";
import { markSent } from "../../src/outbox/repository.ts";
import { ACCOUNT_SID, AUTH_TOKEN, harnessForFile } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";
import { eventually } from "../support/eventually.ts";

const h = harnessForFile();

const prisma = () => h.server.db.prisma;
const SORRY = /^Sorry, I did not understand\./;
/** the person's conversation at the menu, in English, by SMS (the text is what Twilio's list shows) */
const atMenu = async () => {
  const c = await conversation(h, { lang: "en", channel: "sms" });
  await c.send("zzz"); // the menu
  return c;
};
const lookedUp = (phone: string) => h.twilio.listed.filter((q) => new URLSearchParams(q).get("To") === phone);
const lastRow = (phone: string) =>
  prisma().outbox.findFirstOrThrow({ where: { toAddress: phone }, orderBy: { id: "desc" } });

test("Twilio took the reply but its answer never came: found in Twilio's list, recorded, not sent again", async () => {
  const c = await atMenu();
  h.twilio.hangUpNext(1, "after");
  expect(await c.send("zzz")).toEqual([expect.stringMatching(SORRY)]);
  const atTwilio = h.twilio.sent.filter((m) => m.to === c.phone);
  const row = await lastRow(c.phone);
  expect(row).toMatchObject({ status: "sent", providerSid: atTwilio.at(-1)!.sid, body: "", attempts: 2 });
  expect(lookedUp(c.phone)).toHaveLength(1);
});

test("the request never reached Twilio: not in its list, so it is sent", async () => {
  const c = await atMenu();
  h.twilio.hangUpNext(1, "before");
  expect(await c.send("zzz")).toEqual([expect.stringMatching(SORRY)]);
  const row = await lastRow(c.phone);
  expect(row).toMatchObject({ status: "sent", providerSid: h.twilio.sent.at(-1)!.sid, attempts: 2 });
  expect(lookedUp(c.phone)).toHaveLength(1);
});

test.each([
  ["Twilio has it", "after"],
  ["Twilio never got it", "before"],
] as const)(
  "the same text twice to one person, the second in doubt (%s): the recorded copy is not taken for it",
  async (_, when) => {
    const c = await atMenu();
    expect(await c.send("zzz")).toEqual([expect.stringMatching(SORRY)]);
    h.twilio.hangUpNext(1, when);
    expect(await c.send("zzz")).toEqual([expect.stringMatching(SORRY)]);
    const sorries = h.twilio.sent.filter((m) => m.to === c.phone && SORRY.test(m.body));
    // one copy per reply: a third would be the one in doubt sent twice, a single one the second lost
    expect(sorries).toHaveLength(2);
    const rows = await prisma().outbox.findMany({ where: { toAddress: c.phone }, orderBy: { id: "asc" } });
    expect(rows.slice(-2).map((r) => r.providerSid)).toEqual(sorries.map((m) => m.sid));
    expect(lookedUp(c.phone)).toHaveLength(1);
  },
);

test("a sender killed mid-send (its lease runs out, no callback ever comes): looked up, and sent once", async () => {
  const took = await atMenu();
  const lost = await atMenu();
  const rows = [await lastRow(took.phone), await lastRow(lost.phone)];
  const before = h.twilio.sent.length;
  // as the database holds it after a SIGKILL: "sending", the lease run out, Twilio's id never recorded. For the
  // first Twilio has its text; the second's text is one Twilio never got
  const texts = [h.twilio.to(took.phone).at(-1)!, "a reply Twilio never got"];
  for (const [i, row] of rows.entries())
    await prisma().outbox.update({
      where: { id: row.id },
      data: { status: "sending", lockedUntil: new Date(Date.now() - 1_000), providerSid: null, body: texts[i] },
    });
  const settled = await eventually(async () => {
    const now = await Promise.all(rows.map((r) => prisma().outbox.findUniqueOrThrow({ where: { id: r.id } })));
    if (now.some((r) => r.status !== "sent")) throw new Error("still in doubt");
    return now;
  }, 10_000);
  expect(h.twilio.sent.slice(before).map((m) => [m.to, m.body])).toEqual([[lost.phone, texts[1]]]);
  expect(settled[0]).toMatchObject({
    providerSid: rows[0]!.providerSid,
    doubtSince: null,
    body: "",
    deliveryStatus: "sent",
  });
  expect(settled[1]).toMatchObject({ providerSid: h.twilio.sent.at(-1)!.sid });
});

test("a reply found in doubt is recorded as a sent one is: no status backwards, no id another row took", async () => {
  const c = await atMenu();
  await c.send("zzz");
  const [taken, inDoubt] = await prisma().outbox.findMany({ where: { toAddress: c.phone }, orderBy: { id: "desc" } });
  // held by a sender that is looking it up (its lease still runs), after a delivery report got here first
  const doubt = { status: "sending", lockedUntil: new Date(Date.now() + 60_000), doubtSince: new Date() };
  await prisma().outbox.update({ where: { id: inDoubt!.id }, data: { ...doubt, providerSid: null } });
  await markSent(prisma(), [{ id: inDoubt!.id, providerSid: taken!.providerSid!, status: "sent" }]);
  expect(await prisma().outbox.findUniqueOrThrow({ where: { id: inDoubt!.id } })).toMatchObject(doubt);
  await prisma().outbox.update({ where: { id: inDoubt!.id }, data: { deliveryStatus: "delivered" } });
  await markSent(prisma(), [{ id: inDoubt!.id, providerSid: "SMfound", status: "sent" }]);
  expect(await prisma().outbox.findUniqueOrThrow({ where: { id: inDoubt!.id } })).toMatchObject({
    status: "sent",
    providerSid: "SMfound",
    deliveryStatus: "delivered",
    doubtSince: null,
  });
});

test("the stand-in lists like Twilio: filtered by To, From and day, newest first, in linked pages", async () => {
  const c = await atMenu();
  for (let i = 0; i < 3; i++) await c.send("zzz");
  const mine = h.twilio.sent.filter((m) => m.to === c.phone);
  const today = new Date().toISOString().slice(0, 10);
  const auth = basicAuth({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const read = async (uri: string) =>
    (await fetch(h.twilio.url + uri, { headers: { authorization: auth } }).then((r) => r.json())) as {
      messages: { sid: string }[];
      next_page_uri: string | null;
    };
  const query = new URLSearchParams({ To: c.phone, From: mine[0]!.from!, "DateSent>": today, PageSize: "2" });
  let page = await read(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?${query}`);
  const sids: string[] = [];
  for (;;) {
    sids.push(...page.messages.map((m) => m.sid));
    if (!page.next_page_uri) break;
    page = await read(page.next_page_uri);
  }
  expect(sids).toEqual(mine.map((m) => m.sid).reverse());
  query.set("DateSent>", "2999-01-01");
  expect((await read(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?${query}`)).messages).toEqual([]);
});
