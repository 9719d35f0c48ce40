import { type Harness, startHarness } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";
import type { SentMessage } from "../support/twilio-standin.ts";
import { capturedLog } from "../support/faults.ts";
import { inboundForm } from "../support/twilio-signing.ts";

// WhatsApp shows a question's choices as a list or buttons (Twilio's Content API), created once and
// reused; a tap answers as typing its number does. SMS keeps its numbered text.
let h: Harness;
const captured = capturedLog();
beforeAll(async () => {
  h = await startHarness({}, { log: captured.log });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const MENU_TEXT = [
  "How can we help? Reply with a number:",
  "1. Know your rights",
  "2. Check my case",
  "3. Find help near me",
  "4. Tell us what you need",
  "5. Talk to a person",
  "6. Messages from us",
  "7. Feedback or complaint",
].join("\n");

/** The last message the stand-in accepted for this person. */
const lastTo = (phone: string): SentMessage => h.twilio.sent.filter((m) => m.to.endsWith(phone)).at(-1)!;
const menuContents = (language: string) =>
  h.twilio.contents.filter((c) => c.request.language === language && c.request.types?.["twilio/list-picker"]);

test("a WhatsApp person gets the menu as a list, taps an item and the journey goes on; a second person reuses the content", async () => {
  const amal = await conversation(h, { lang: "en", channel: "whatsapp" });
  expect(await amal.send("menu")).toEqual([MENU_TEXT]);

  // the Content API received the list once, in this exact shape
  expect(menuContents("en")).toHaveLength(1);
  const [content] = menuContents("en");
  expect(content!.request).toEqual({
    friendly_name: expect.stringMatching(/^haven_[0-9a-f]{16}$/),
    language: "en",
    types: {
      "twilio/text": { body: MENU_TEXT },
      "twilio/list-picker": {
        body: "How can we help? Reply with a number:",
        button: "Choose",
        items: [
          { id: "main_menu/menu/1/1", item: "Know your rights", description: "1" },
          { id: "main_menu/menu/1/2", item: "Check my case", description: "2" },
          { id: "main_menu/menu/1/3", item: "Find help near me", description: "3" },
          { id: "main_menu/menu/1/4", item: "Tell us what you need", description: "4" },
          { id: "main_menu/menu/1/5", item: "Talk to a person", description: "5" },
          { id: "main_menu/menu/1/6", item: "Messages from us", description: "6" },
          { id: "main_menu/menu/1/7", item: "Feedback or complaint", description: "7" },
        ],
      },
    },
  });
  // and the Messages API was called with its ContentSid instead of a Body
  const sent = lastTo(amal.phone);
  expect(sent).toMatchObject({ to: `whatsapp:${amal.phone}`, contentSid: content!.sid });

  // the tap comes back as ListId (the item's id) with its title as the Body: it answers "2"
  expect(await amal.tap("list", "main_menu/menu/1/2", "Check my case")).toEqual([
    expect.stringMatching(/case number/i),
  ]);
  const stored = await h.server.db.prisma.message.findFirstOrThrow({
    where: { contact: { address: amal.phone }, direction: "in" },
    orderBy: { id: "desc" },
  });
  expect(stored).toMatchObject({ body: "Check my case", payload: "main_menu/menu/1/2" });

  // a second person at the same menu gets the same content: not created again
  const badr = await conversation(h, { lang: "en", channel: "whatsapp" });
  expect(await badr.send("menu")).toEqual([MENU_TEXT]);
  expect(menuContents("en")).toHaveLength(1);
  expect(lastTo(badr.phone).contentSid).toBe(content!.sid);
}, 60_000);

test("a yes/no question goes as quick-reply buttons, and a button tap (ButtonPayload) answers as its number", async () => {
  const person = await conversation(h, { channel: "whatsapp" });
  const [confirm] = await person.send("Hello, I need help with my papers please");
  const buttons = lastTo(person.phone).content?.request.types?.["twilio/quick-reply"];
  expect(buttons).toEqual({
    body: confirm!.split("\n")[0],
    actions: [
      { id: "language/confirm/3/1", title: "Yes" },
      { id: "language/confirm/3/2", title: "Another language /…" },
    ],
  });
  const replies = await person.tap("button", "language/confirm/3/1", "Yes");
  // "yes" confirmed English, as typing 1 would: the welcome goes on to what the line is, the privacy notice,
  // then whether we may write first, as buttons too
  expect(replies[0]).toMatch(/^Welcome\. We give general information/);
  expect(replies[1]).toMatch(/^Privacy: /);
  expect(replies.at(-1)).toBe(
    "May we write to you first with news about your file or important announcements?\n1. Yes\n2. No",
  );
  expect(lastTo(person.phone).content?.request.types?.["twilio/quick-reply"]?.actions).toEqual([
    { id: "updates/ask/1/1", title: "Yes" },
    { id: "updates/ask/1/2", title: "No" },
  ]);
  expect(await person.tap("button", "updates/ask/1/2", "No")).toEqual([
    "Thank you. We will only answer your messages. Send UPDATES to change this.",
    MENU_TEXT,
  ]);
}, 60_000);

test("a tap on an earlier question's list is answered kindly: that question is not answered, the open one is asked again", async () => {
  const person = await conversation(h, { lang: "en", channel: "whatsapp" });
  await person.send("menu");
  await person.tap("list", "main_menu/menu/1/2", "Check my case");
  // the menu is still on their screen: tapping it again is no case number
  const [again] = await person.tap("list", "main_menu/menu/1/5", "Talk to a person");
  expect(again).toMatch(/^That choice was from an earlier message\.\n.*case number/is);
  // nor does a payload this line never made crash anything
  const [forged] = await person.tap("button", "no/such/thing", "Hello");
  expect(forged).toMatch(/^That choice was from an earlier message\./);
  // the case number question is still the open one: a reply it cannot take is asked again, not the menu
  expect(await person.send("hello")).toEqual([expect.stringMatching(/does not look like a case number/)]);
}, 60_000);

test("when the Content API fails, the numbered text goes instead; the next person gets the list", async () => {
  captured.logs.length = 0;
  const first = await conversation(h, { lang: "fr", channel: "whatsapp" });
  h.twilio.failContentNext(500);
  const [menu] = await first.send("menu");
  expect(menu).toMatch(/\n1\. .+\n2\. /);
  const sent = lastTo(first.phone);
  expect(sent.contentSid).toBeUndefined();
  expect(sent.body).toBe(menu);
  expect(menuContents("fr")).toHaveLength(0);
  expect(captured.logs.map((l) => l.msg)).toContain("WhatsApp menu content not created; sent as numbered text");

  const second = await conversation(h, { lang: "fr", channel: "whatsapp" });
  await second.send("menu");
  expect(menuContents("fr")).toHaveLength(1);
  expect(lastTo(second.phone).contentSid).toBe(menuContents("fr")[0]!.sid);
}, 60_000);

test("SMS keeps its numbered text and creates no content", async () => {
  const before = h.twilio.contents.length;
  const person = await conversation(h, { lang: "en", channel: "sms" });
  expect(await person.send("menu")).toEqual([MENU_TEXT]);
  expect(lastTo(person.phone)).toMatchObject({ body: MENU_TEXT, contentSid: undefined });
  expect(h.twilio.contents.length).toBe(before);
  // a ButtonPayload on SMS is no tap (SMS has no buttons): the text is read as typed
  const res = await h.post(
    "/webhooks/twilio",
    inboundForm({ from: person.phone, body: "2", channel: "sms", extra: { ButtonPayload: "main_menu/menu/1/5" } }),
  );
  expect(res.status).toBe(200);
  expect(await person.received()).toEqual([expect.stringMatching(/case number/i)]);
}, 60_000);
