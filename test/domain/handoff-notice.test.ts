import { parseOfficeHours } from "../../src/domain/handoff/office-hours.ts";
import { HandoffService } from "../../src/domain/handoff/service.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";

const texts = createTexts(readLocales("locales"), "en");
const hours = parseOfficeHours("Mon-Fri 09:00-17:00", "Europe/Athens");
if (!hours.ok) throw new Error(hours.reason);

function serviceAt(iso: string) {
  return new HandoffService({
    prisma: undefined as never,
    texts,
    defaultLanguage: "en",
    officeHours: hours.ok ? hours.hours : undefined,
    templateContentSid: undefined,
    notesOnTaken: "holder",
    resumeAtMenu: async () => {},
    askAfterClose: async () => {},
    onReplies: () => {},
    now: () => new Date(iso),
  });
}

test("within office hours the person hears a person will answer soon", () => {
  expect(serviceAt("2026-11-26T08:00:00Z").notice("en", "whatsapp")).toMatch(/will answer you here soon/);
});

test("outside them, in the person's language, when the team works", () => {
  const saturday = serviceAt("2026-11-28T10:00:00Z");
  expect(saturday.notice("en", "whatsapp")).toBe(
    "Thank you. Our team is away now; they work Monday to Friday, 09:00–17:00 (Europe/Athens). A person will answer you here when they are back. The bot will not write until then.",
  );
  expect(saturday.notice("fr", "whatsapp")).toMatch(/du lundi au vendredi, 09:00–17:00/);
  expect(saturday.notice("en", "sms")).toBe(
    "Thanks. Our team is away; they work Monday to Friday, 09:00–17:00 (Europe/Athens). A person will answer when back.",
  );
  expect(saturday.notice("ar", "whatsapp")).toMatch(/من الاثنين إلى الجمعة/);
});

test("WhatsApp's window: 24 hours after the person's last message; SMS has none", () => {
  const s = serviceAt("2026-11-26T12:00:00Z");
  expect(s.windowOpen({ channel: "whatsapp", lastInboundAt: new Date("2026-11-25T12:00:01Z") })).toBe(true);
  expect(s.windowOpen({ channel: "whatsapp", lastInboundAt: new Date("2026-11-25T12:00:00Z") })).toBe(false);
  expect(s.windowOpen({ channel: "whatsapp", lastInboundAt: null })).toBe(false);
  expect(s.windowOpen({ channel: "sms", lastInboundAt: null })).toBe(true);
});
