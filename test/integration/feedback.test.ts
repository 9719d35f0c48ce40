import { FEEDBACK_REFERENCE } from "../../src/domain/feedback/feedback.ts";
import { conversation, hear, playLive, say } from "../support/live-transcript.ts";
import { harnessForFile } from "../support/harness.ts";
import { PAGE_SIZE } from "../../src/staff/paging.ts";
import { signedIn } from "../support/staff.ts";

const h = harnessForFile();

const feedbackOf = async (phone: string) =>
  h.server.db.prisma.feedback.findMany({
    where: { contact: { address: phone } },
    orderBy: { id: "asc" },
  });

test("feedback from the menu: kind, the person's words, a reference; FEEDBACK and the reference tell its status", async () => {
  const c = await playLive(h, { lang: "en" }, [
    say("menu"),
    hear(/7\. Feedback or complaint$/),
    say("7"),
    hear(/^Feedback or complaint. Reply with a number:\n1\. Give feedback[\s\S]*4\. Ask about one I sent$/),
    say("1"),
    hear(/in your own words/),
    say("The lawyer was very kind and clear"),
    hear(/^Thank you for telling us. Your reference is F-[2-9A-HJKMNP-Z]{5}\. .*send FEEDBACK/),
  ]);
  const [fb] = await feedbackOf(c.phone);
  expect(fb).toMatchObject({
    kind: "feedback",
    text: "The lawyer was very kind and clear",
    language: "en",
    channel: "whatsapp",
    status: "new",
  });
  expect(fb!.reference).toMatch(FEEDBACK_REFERENCE);

  const again = await conversation(h, { phone: c.phone });
  expect(await again.send("feedback")).toEqual([expect.stringMatching(/send your reference/)]);
  // typed the way people type it: lower case, no dash
  expect(await again.send(fb!.reference.replace("-", "").toLowerCase())).toEqual([
    `We have ${fb!.reference}. Our team will look at it soon. Send MENU for the menu.`,
  ]);
  await h.server.db.prisma.feedback.update({ where: { id: fb!.id }, data: { status: "in_review" } });
  await again.send("feedback");
  expect(await again.send(fb!.reference)).toEqual([expect.stringMatching(/is looking at F-.* now/)]);
  await h.server.db.prisma.feedback.update({ where: { id: fb!.id }, data: { status: "closed" } });
  await again.send("feedback");
  expect(await again.send(fb!.reference)).toEqual([expect.stringMatching(/has finished with F-/)]);
});

test("another person's reference is not found; a wrong shape is asked again", async () => {
  const owner = await playLive(h, { lang: "en" }, [
    say("menu"),
    hear(/How can we help/),
    say("7"),
    hear(/Feedback or complaint/),
    say("2"),
    hear(/in your own words/),
    say("Nobody answered the phone at the office for three days"),
    hear(/reference is F-/),
  ]);
  const [complaint] = await feedbackOf(owner.phone);
  expect(complaint).toMatchObject({ kind: "complaint", status: "new" });
  await playLive(h, { lang: "en" }, [
    say("FEEDBACK"),
    hear(/send your reference/),
    say("N-7K3P9"),
    hear(/^Sorry, that is not a reference/),
    say(complaint!.reference),
    hear(/^We cannot find this reference among your messages/),
  ]);
});

test("Arabic on SMS: a confidential complaint about a partner is told only protection reads it", async () => {
  const c = await playLive(h, { lang: "ar", channel: "sms" }, [
    say("MENU"),
    hear(/رأي أو شكوى/),
    say("٧"),
    hear(/شكوى بسرّية/),
    say("3"),
    hear(/بكلماتك/),
    say("طلب مني موظف في المخيم مالاً مقابل الخدمة"),
    hear(/فريق الحماية وحده.*F-[2-9A-HJKMNP-Z]{5}/s),
  ]);
  expect(await feedbackOf(c.phone)).toEqual([
    expect.objectContaining({ kind: "confidential", language: "ar", channel: "sms", status: "new" }),
  ]);
});

test("a confidential complaint reaches the protection queue alone, each view audited; its status change is what the person hears", async () => {
  const words = "A guard at the distribution point asked me for money";
  const person = await playLive(h, { lang: "en" }, [
    say("menu"),
    hear(/How can we help/),
    say("7"),
    hear(/Feedback or complaint/),
    say("3"),
    hear(/in your own words/),
    say(words),
    hear(/^Thank you for trusting us. Only our protection team will read this. Your reference is F-/),
  ]);
  const [complaint] = await feedbackOf(person.phone);
  const ordinary = await playLive(h, { lang: "en" }, [
    say("menu"),
    hear(/How can we help/),
    say("7"),
    hear(/Feedback or complaint/),
    say("1"),
    hear(/in your own words/),
    say("Please answer on Sundays too"),
    hear(/reference is F-/),
  ]);
  const [idea] = await feedbackOf(ordinary.phone);

  for (const role of ["caseworker", "analyst", "admin", "editor"] as const) {
    const { c } = await signedIn(h, role);
    expect([role, (await c.request("/staff/protection")).status]).toEqual([role, 403]);
  }
  const { c: analyst } = await signedIn(h, "analyst");
  const queue = await (await analyst.request("/staff/feedback")).text();
  expect(queue).toContain("Please answer on Sundays too");
  expect(queue).toContain(idea!.reference);
  expect(queue).not.toContain(complaint!.reference);
  expect(queue).not.toContain("asked me for money");
  expect((await (await signedIn(h, "caseworker")).c.request("/staff/feedback")).status).toBe(403);

  const { c: protection, user } = await signedIn(h, "protection");
  const viewed = () =>
    h.server.db.prisma.auditLog.count({ where: { staffUserId: user.id, action: "protection_viewed" } });
  const before = await viewed();
  const page = await (await protection.request("/staff/protection")).text();
  expect(page).toContain(words);
  expect(page).toContain(complaint!.reference);
  expect(page).not.toContain(idea!.reference);
  expect(await viewed()).toBe(before + 1);
  // the protection queue cannot change ordinary feedback, nor the feedback queue a confidential complaint
  expect((await protection.post(`/staff/protection/${idea!.id}/status`, { status: "closed" })).status).toBe(400);
  expect((await analyst.post(`/staff/feedback/${complaint!.id}/status`, { status: "closed" })).status).toBe(400);

  const moved = await protection.post(`/staff/protection/${complaint!.id}/status`, { status: "in_review" });
  expect(moved.status).toBe(303);
  expect(
    await h.server.db.prisma.auditLog.count({
      where: {
        staffUserId: user.id,
        action: "feedback_status",
        detail: { path: ["feedbackId"], equals: complaint!.id },
      },
    }),
  ).toBe(1);
  const again = await conversation(h, { phone: person.phone });
  await again.send("FEEDBACK");
  expect(await again.send(complaint!.reference)).toEqual([expect.stringMatching(/^Our team is looking at F-/)]);
});

test("a queue longer than a page is paged, newest first, as the other staff lists", async () => {
  const prisma = h.server.db.prisma;
  const contact = await prisma.contact.create({ data: { channel: "sms", address: "+306900004242" } });
  const words = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => `Paged feedback number ${i + 1}.`);
  await prisma.feedback.createMany({
    data: words.map((text, i) => ({
      reference: `F-PAGE${i}`,
      contactId: contact.id,
      kind: "feedback",
      text,
      language: "en",
      channel: "sms",
    })),
  });
  const { c: analyst } = await signedIn(h, "analyst");
  const first = await (await analyst.request("/staff/feedback")).text();
  expect(first).toContain(words.at(-1));
  expect(first).not.toContain(words[0]);
  expect(first).toContain('<a href="/staff/feedback?page=2" rel="next">older</a>');
  const second = await (await analyst.request("/staff/feedback?page=2")).text();
  expect(second).toContain(words[0]);
  expect(second).not.toContain(words.at(-1));
  expect(second).toContain('<a href="/staff/feedback" rel="prev">newer</a>');
});
