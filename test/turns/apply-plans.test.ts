import { applyPlans } from "../../src/turns/apply-plans.ts";
import type { TurnPlan } from "../../src/turns/plan.ts";
import { databaseForFile } from "../support/database.ts";

// Plans written in one statement: every part lands, a batch's plans side by side, and texts PostgreSQL could not
// read from JSON are mended, not refused.
const file = databaseForFile();

async function personWithMessage(address: string) {
  const contact = await file.db.prisma.contact.create({ data: { channel: "whatsapp", address } });
  const message = await file.db.prisma.message.create({
    data: { contactId: contact.id, direction: "in", body: "my PIN is 1234", ourAddress: "+15550001" },
  });
  return { contactId: contact.id, messageId: message.id };
}

const MENU = {
  text: "Which?",
  menu: { choices: [{ label: "«One»", payload: "c:1" }], language: "fa", rtl: true, open: "Choose" },
};
const route = (to: string) => ({ channel: "whatsapp" as const, to, from: "+15550001" });

test("each part of a batch's plans is written, in the replies' order", async () => {
  const a = await personWithMessage("+306900000101");
  const b = await personWithMessage("+306900000102");
  const plans: TurnPlan[] = [
    {
      contactId: a.contactId,
      send: {
        route: route("+306900000101"),
        inReplyToId: a.messageId,
        replies: [
          { text: "Thank you.", redact: false },
          {
            text: "Your PIN is 1234",
            redact: true,
            interactive: MENU,
          },
        ],
      },
      answered: {
        messageId: a.messageId,
        redact: true,
        personal: false,
        failure: { reason: "no_match", counted: true },
      },
      session: { v: 1, stack: [{ flow: "main_menu", node: "menu" }], vars: { 'a"b': "x\\y" } },
      contact: { language: "fa", noticeVersion: 2 },
      journey: {
        language: "fa",
        channel: "whatsapp",
        events: [
          { kind: "answered", flow: "main_menu", node: "menu", waitedMs: 4_400 },
          { kind: "reached", flow: "rights", node: "intro" },
        ],
      },
    },
    {
      contactId: b.contactId,
      send: { route: route("+306900000102"), farewell: true, replies: [{ text: "Goodbye.", redact: false }] },
    },
  ];
  await file.db.prisma.$transaction((tx) => applyPlans(tx, plans));

  const outbox = await file.db.prisma.outbox.findMany({ orderBy: { id: "asc" } });
  expect(outbox.map((o) => [o.contactId, o.body, o.messageId === null])).toEqual([
    [a.contactId, "Thank you.", false],
    [a.contactId, "Your PIN is 1234", false],
    [null, "Goodbye.", true],
  ]);
  expect(outbox[1]!.interactive).toEqual(MENU);
  const transcript = await file.db.prisma.message.findMany({ where: { direction: "out" }, orderBy: { id: "asc" } });
  expect(transcript.map((m) => [m.id, m.body, m.redacted, m.inReplyToId])).toEqual([
    [outbox[0]!.messageId, "Thank you.", false, a.messageId],
    [outbox[1]!.messageId, "[redacted]", true, a.messageId],
  ]);
  const answered = await file.db.prisma.message.findUniqueOrThrow({ where: { id: a.messageId } });
  expect([
    answered.body,
    answered.redacted,
    answered.failure,
    answered.failedAttempts,
    answered.processedAt !== null,
  ]).toEqual(["[redacted]", true, "no_match", 1, true]);
  expect((await file.db.prisma.message.findUniqueOrThrow({ where: { id: b.messageId } })).processedAt).toBeNull();
  expect((await file.db.prisma.session.findUniqueOrThrow({ where: { contactId: a.contactId } })).state).toEqual(
    plans[0]!.session,
  );
  const contact = await file.db.prisma.contact.findUniqueOrThrow({ where: { id: a.contactId } });
  expect([contact.language, contact.noticeVersion, contact.noticeSeenAt !== null, contact.optedOut]).toEqual([
    "fa",
    2,
    true,
    false,
  ]);
  const events = await file.db.prisma.journeyEvent.findMany({ orderBy: { id: "asc" } });
  const nodes = new Map((await file.db.prisma.journeyNode.findMany()).map((n) => [n.id, `${n.flow}/${n.node}`]));
  expect(events.map((e) => [e.contactId, nodes.get(e.nodeId), e.kind, e.language, e.waitedSeconds])).toEqual([
    [a.contactId, "main_menu/menu", "answered", "fa", 4],
    [a.contactId, "rights/intro", "reached", "fa", null],
  ]);
});

test("a lone surrogate or a NUL in a text is mended, not a failed batch", async () => {
  const c = await personWithMessage("+306900000103");
  await file.db.prisma.$transaction((tx) =>
    applyPlans(tx, [
      {
        contactId: c.contactId,
        send: { route: route("+306900000103"), replies: [{ text: "a\uD800b\u0000c \\u0000 😀", redact: false }] },
      },
    ]),
  );
  const row = await file.db.prisma.outbox.findFirstOrThrow({ where: { contactId: c.contactId } });
  expect(row.body).toBe("a\uFFFDbc \\u0000 😀");
});
