import { conversation, hear, outboxDrained, playLive, say } from "../support/live-transcript.ts";
import { harnessForFile } from "../support/harness.ts";
import { staffUser } from "../support/staff.ts";

// A new person's first message names a risk in words two or more languages list (overlaps of the bundled
// lists). Through the signed webhook: the emergency contacts and the handoff notice come in the language
// the message is written in.
const h = harnessForFile();

const prisma = () => h.server.db.prisma;
const contactOf = (phone: string) =>
  prisma().contact.findFirstOrThrow({ where: { address: phone }, include: { conversation: true } });

test("French with a word English lists too ('violent*') is answered in French, and French is kept", async () => {
  const c = await playLive(h, {}, [
    say("mon mari est violent avec moi"),
    hear(/numéro d'urgence 112/),
    hear(/Une personne de notre équipe/),
  ]);
  const contact = await contactOf(c.phone);
  expect(contact.language).toBe("fr");
  expect(contact.conversation).toMatchObject({ status: "waiting_for_person", urgent: true, reason: "risk" });
});

test("'خودکشی' is in the Farsi, Pashto and Urdu lists: Farsi and Urdu are each answered in their own language", async () => {
  const fa = await playLive(h, { channel: "sms" }, [
    say("من به خودکشی فکر میکنم"),
    hear(/شماره اضطراری 112/),
    hear(/.+/),
  ]);
  expect((await contactOf(fa.phone)).language).toBe("fa");
  const ur = await playLive(h, { channel: "sms" }, [
    say("میں خودکشی کرنا چاہتا ہوں"),
    hear(/ایمرجنسی نمبر 112/),
    hear(/.+/),
  ]);
  expect((await contactOf(ur.phone)).language).toBe("ur");
});

test("Ukrainian and Russian list each other's words: each is answered in its own", async () => {
  const uk = await playLive(h, {}, [say("мене побили вчора"), hear(/Якщо ви зараз у небезпеці/), hear(/.+/)]);
  expect((await contactOf(uk.phone)).language).toBe("uk");
  const ru = await playLive(h, {}, [say("меня избили вчера"), hear(/Если вы сейчас в опасности/), hear(/.+/)]);
  expect((await contactOf(ru.phone)).language).toBe("ru");
});

test("one shared word tells no language: English answers, none is set, and the hand-back asks the person's language", async () => {
  const c = await playLive(h, {}, [say("violence"), hear(/emergency number 112/), hear(/A person from our team/)]);
  const contact = await contactOf(c.phone);
  expect(contact.language).toBeNull();
  const staff = await staffUser(h, "caseworker");
  expect(await h.server.handoff.handBack(staff, contact.id)).toEqual({ ok: true });
  await outboxDrained(h, { phone: c.phone, channel: "whatsapp" });
  expect(h.twilio.to(`whatsapp:${c.phone}`).slice(-2)).toEqual([
    // no word of the menu being back: the language list comes first
    "Our team has finished this chat. Choose your language to go on.",
    expect.stringMatching(/^Choose your language/),
  ]);
  const person = await conversation(h, { phone: c.phone });
  expect(await person.send("3")).toEqual([
    "Merci. Nous vous écrirons en français.",
    expect.stringMatching(/^Bienvenue/),
    expect.stringMatching(/^Confidentialité : /),
    expect.stringMatching(/^Pouvons-nous vous écrire en premier/),
  ]);
  expect((await contactOf(c.phone)).language).toBe("fr");
});
