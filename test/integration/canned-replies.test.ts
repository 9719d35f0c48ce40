import { harnessForFile } from "../support/harness.ts";
import { conversation, outboxDrained } from "../support/live-transcript.ts";
import { signedIn } from "../support/staff.ts";

const CONFIGURED = `HX${"c3".repeat(16)}`;
const SID_EN = `HX${"e1".repeat(16)}`;
const SID_AR = `HX${"a7".repeat(16)}`;
const h = harnessForFile({ TWILIO_TEMPLATE_CONTENT_SID: CONFIGURED });

const prisma = () => h.server.db.prisma;
const fromHtml = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
let names = 0;
const uniqueName = (base: string) => `${base} ${++names}`;

/** An admin adds a canned reply through the page's form; its id. */
async function addCanned(
  admin: Awaited<ReturnType<typeof signedIn>>["c"],
  form: Record<string, string>,
): Promise<number> {
  const res = await admin.post("/staff/canned", { kind: "text", ...form });
  expect(res.status).toBe(303);
  return (await prisma().cannedReply.findUniqueOrThrow({ where: { name: form.name } })).id;
}

/** A person in Arabic who reported a need through the bot (its reference) and asked for a person, taken by a caseworker. */
async function heldArabicPerson(opts: { withNeed: boolean; language?: string }) {
  const person = await conversation(h, { lang: opts.language ?? "ar" });
  if (opts.withNeed) for (const reply of ["4", "3", "1", "1", "محامٍ لاستئناف اللجوء"]) await person.send(reply);
  await person.send("HELP");
  const contact = await prisma().contact.findFirstOrThrow({ where: { address: person.phone } });
  const need = await prisma().need.findFirst({ where: { contactId: contact.id } });
  const { c: caseworker } = await signedIn(h, "caseworker");
  expect((await caseworker.post(`/staff/conversations/${contact.id}/take`)).status).toBe(303);
  return { person, id: contact.id, reference: need?.reference, caseworker };
}

test("admins add, list, edit and delete canned replies, each checked and audited; the list previews each language with its SMS size", async () => {
  const { c: admin, user } = await signedIn(h, "admin");
  const name = uniqueName("Documents");
  const id = await addCanned(admin, {
    name,
    text_en: "Please bring your papers. Your reference is {{reference}}.",
    text_ar: "يرجى إحضار أوراقك. رقمك المرجعي {{reference}}.",
  });
  const list = await (await admin.request("/staff/canned")).text();
  expect(list).toContain('<p class="preview" dir="auto" lang="ar">يرجى إحضار أوراقك. رقمك المرجعي {{reference}}.</p>');
  // counted as sent: the reference (N-7K3P9) in place of {{reference}}
  expect(list).toContain("1 SMS segment (UCS-2, 40 units)");
  expect(list).toContain("1 SMS segment (GSM-7, 52 characters)");
  expect(list).toContain('<a href="/staff/canned">Canned replies</a>');

  // refused with the reason, what was typed kept: a name taken, no English, a placeholder we cannot fill
  const again = await admin.post("/staff/canned", { name, kind: "text", text_en: "Hello" });
  expect(again.status).toBe(409);
  expect(await again.text()).toContain("A canned reply with this name exists.");
  const noEnglish = await admin.post("/staff/canned", { name: uniqueName("x"), kind: "text", text_fr: "Bonjour" });
  expect(noEnglish.status).toBe(400);
  const page = await noEnglish.text();
  expect(page).toContain("English (en) text: English is required");
  expect(page).toContain(">Bonjour</textarea>");
  const unknown = await admin.post("/staff/canned", { name: uniqueName("x"), kind: "text", text_en: "Hi {{name}}" });
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain("unknown placeholder {{name}}");
  const sidless = await admin.post("/staff/canned", { name: uniqueName("t"), kind: "template", text_en: "Hi" });
  expect(sidless.status).toBe(400);
  expect(await sidless.text()).toContain("a template needs its text and its Content SID");
  const long = await admin.post("/staff/canned", { name: uniqueName("x"), kind: "text", text_en: "a".repeat(161) });
  expect(long.status).toBe(303); // over one segment is allowed, and said
  expect(await (await admin.request("/staff/canned")).text()).toContain("2 SMS segments (GSM-7, 161 characters)");

  const edit = await (await admin.request(`/staff/canned/${id}`)).text();
  expect(edit).toContain(`value="${name}"`);
  expect(edit).toContain('lang="ar" maxlength="1600">يرجى إحضار أوراقك.');
  expect(
    (await admin.post(`/staff/canned/${id}`, { name, kind: "text", text_en: "Bring your papers, {{reference}}." }))
      .status,
  ).toBe(303);
  const stored = await prisma().cannedReply.findUniqueOrThrow({ where: { id } });
  expect(stored.texts).toEqual({ en: "Bring your papers, {{reference}}." });
  expect((await admin.post(`/staff/canned/${id}/delete`)).status).toBe(303);
  expect(await prisma().cannedReply.findUnique({ where: { id } })).toBeNull();
  expect((await admin.post(`/staff/canned/${id}/delete`)).status).toBe(404);

  const log = await prisma().auditLog.findMany({ where: { staffUserId: user.id, action: { startsWith: "canned_" } } });
  expect(log.filter((e) => Reflect.get(Object(e.detail), "canned") === id).map((e) => e.action)).toEqual([
    "canned_added",
    "canned_edited",
    "canned_deleted",
  ]);
  expect(log.find((e) => e.action === "canned_added")?.detail).toMatchObject({ name, languages: "ar en" });
});

test("a caseworker uses canned replies but cannot see or change them", async () => {
  const { c: admin } = await signedIn(h, "admin");
  const id = await addCanned(admin, { name: uniqueName("Office hours"), text_en: "We are open Mon-Fri." });
  const { c: caseworker } = await signedIn(h, "caseworker");
  for (const path of ["/staff/canned", "/staff/canned/new", `/staff/canned/${id}`])
    expect((await caseworker.request(path)).status).toBe(403);
  expect(
    (await caseworker.post("/staff/canned", { name: uniqueName("mine"), kind: "text", text_en: "x" })).status,
  ).toBe(403);
  expect((await caseworker.post(`/staff/canned/${id}`, { name: "changed", kind: "text", text_en: "x" })).status).toBe(
    403,
  );
  expect((await caseworker.post(`/staff/canned/${id}/delete`)).status).toBe(403);
  expect(await prisma().cannedReply.findUnique({ where: { id } })).toMatchObject({
    texts: { en: "We are open Mon-Fri." },
  });
  expect(await (await caseworker.request("/staff/inbox")).text()).not.toContain('href="/staff/canned"');
});

test("in the reply box: the person's language with their reference filled, English with a note when there is none; the filled text is what they get", async () => {
  const { c: admin } = await signedIn(h, "admin");
  const papers = await addCanned(admin, {
    name: uniqueName("Papers"),
    text_en: "Your reference is {{reference}}.",
    text_ar: "رقمك المرجعي {{reference}}.",
  });
  const englishOnly = await addCanned(admin, {
    name: uniqueName("Hours"),
    text_en: "We answer Mon-Fri, {{ reference }}.",
  });
  const { person, id, reference, caseworker } = await heldArabicPerson({ withNeed: true });
  expect(reference).toMatch(/^N-\w{5}$/);

  const page = await (await caseworker.request(`/staff/conversations/${id}`)).text();
  const option = (canned: number) =>
    new RegExp(`<option value="${canned}" data-text="([^"]*)" data-note="([^"]*)"[^>]*>([^<]*)</option>`).exec(page);
  expect(fromHtml(option(papers)?.[1] ?? "")).toBe(`رقمك المرجعي ${reference}.`);
  expect(option(papers)?.[2]).toBe("");
  expect(fromHtml(option(englishOnly)?.[1] ?? "")).toBe(`We answer Mon-Fri, ${reference}.`);
  expect(option(englishOnly)?.[2]).toBe("No text in the person&#39;s language: this is the English one.");
  expect(option(englishOnly)?.[3]).toMatch(/\(English\)$/);

  // without script: Insert reloads the page with the text in the reply box, which the caseworker edits and sends
  const inserted = await (await caseworker.request(`/staff/conversations/${id}?canned=${papers}`)).text();
  expect(inserted).toContain(`maxlength="1600" required>رقمك المرجعي ${reference}.</textarea>`);
  const edited = `رقمك المرجعي ${reference}. نراك غداً.`;
  expect((await caseworker.post(`/staff/conversations/${id}/reply`, { text: edited })).status).toBe(303);
  await outboxDrained(h);
  expect(h.twilio.to(`whatsapp:${person.phone}`).at(-1)).toBe(edited);

  // a person with no need: the placeholder stays, and the caseworker is told to fill it
  const other = await heldArabicPerson({ withNeed: false, language: "fr" });
  const theirs = await (await other.caseworker.request(`/staff/conversations/${other.id}?canned=${papers}`)).text();
  expect(theirs).toContain("required>Your reference is {{reference}}.</textarea>");
  expect(theirs).toContain(
    '<p class="meta" id="canned-note" role="status">No text in the person&#39;s language: this is the English one. Fill in {{reference}}: this person has none.</p>',
  );
}, 90_000);

test("templates: within the window the reply box, outside it the template entries previewed in the person's language, sent by their Content SID", async () => {
  const { c: admin } = await signedIn(h, "admin");
  const name = uniqueName("Follow-up");
  const template = await addCanned(admin, {
    name,
    kind: "template",
    text_en: "Hello, we have news about your request. Reply to talk to us.",
    sid_en: SID_EN,
    text_ar: "مرحباً، لدينا أخبار عن طلبك. أجب لتتحدث معنا.",
    sid_ar: SID_AR,
  });
  const text = await addCanned(admin, { name: uniqueName("Plain"), text_en: "Hi" });
  const { person, id, caseworker } = await heldArabicPerson({ withNeed: false });

  const within = await (await caseworker.request(`/staff/conversations/${id}`)).text();
  expect(within).toContain('id="reply"');
  expect(within).not.toContain(`Send “${name}”`);
  // the template entries are not replies (the picker's options carry their text)
  expect(within).toContain(`<option value="${text}" data-text=`);
  expect(within).not.toContain(`<option value="${template}" data-text=`);

  await prisma().contact.update({ where: { id }, data: { lastInboundAt: new Date(Date.now() - 25 * 3600_000) } });
  const outside = await (await caseworker.request(`/staff/conversations/${id}`)).text();
  expect(outside).not.toContain('id="reply"');
  expect(outside).toContain('<p class="preview" dir="auto" lang="ar">مرحباً، لدينا أخبار عن طلبك. أجب لتتحدث معنا.</p>');
  expect(outside).toContain(`Send “${name}”`);
  expect(outside).toContain("Send the approved template");

  // a text reply is no template
  expect((await caseworker.post(`/staff/conversations/${id}/template`, { canned: String(text) })).status).toBe(409);
  expect((await caseworker.post(`/staff/conversations/${id}/template`, { canned: String(template) })).status).toBe(303);
  await outboxDrained(h);
  const sent = h.twilio.sent.filter((m) => m.to === `whatsapp:${person.phone}`).at(-1);
  expect(sent).toMatchObject({ contentSid: SID_AR, body: "" });
  // the transcript keeps what the person read
  const last = await prisma().message.findFirstOrThrow({ where: { contactId: id }, orderBy: { id: "desc" } });
  expect(last.body).toBe("مرحباً، لدينا أخبار عن طلبك. أجب لتتحدث معنا.");

  // the configured template still goes as before
  expect((await caseworker.post(`/staff/conversations/${id}/template`)).status).toBe(303);
  await outboxDrained(h);
  expect(h.twilio.sent.filter((m) => m.to === `whatsapp:${person.phone}`).at(-1)).toMatchObject({
    contentSid: CONFIGURED,
  });
}, 90_000);
