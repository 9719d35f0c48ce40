import { describeHours, isOpen, parseOfficeHours } from "../../src/domain/handoff/office-hours.ts";

const hours = (spec: string, tz = "Europe/Athens") => {
  const r = parseOfficeHours(spec, tz);
  if (!r.ok) throw new Error(r.reason);
  return r.hours;
};

test("open on the listed days and times, in the office's time zone", () => {
  const h = hours("Mon-Fri 09:00-17:00");
  expect(isOpen(h, new Date("2026-11-26T07:30:00Z"))).toBe(true); // Thursday 09:30 in Athens
  expect(isOpen(h, new Date("2026-11-26T06:30:00Z"))).toBe(false); // 08:30
  expect(isOpen(h, new Date("2026-11-26T15:00:00Z"))).toBe(false); // 17:00 is closing time
  expect(isOpen(h, new Date("2026-11-28T10:00:00Z"))).toBe(false); // Saturday
});

test("a day range wraps over the weekend", () => {
  expect(hours("Sun-Thu 08:00-16:00").days).toEqual([6, 0, 1, 2, 3]);
});

test("bad specifications and time zones are refused with a reason", () => {
  expect(parseOfficeHours("weekdays 9-5", "UTC")).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/Mon-Fri 09:00-17:00/),
  });
  expect(parseOfficeHours("Mon-Fri 17:00-09:00", "UTC")).toMatchObject({ ok: false });
  expect(parseOfficeHours("Mon-Fri 09:00-17:00", "Mars/Olympus")).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/time zone/),
  });
});

test("described in the person's language", () => {
  const h = hours("Mon-Fri 09:00-17:00");
  expect(describeHours(h, "fr", (a, b) => `du ${a} au ${b}`)).toBe("du lundi au vendredi, 09:00–17:00 (Europe/Athens)");
  expect(describeHours(h, "en", (a, b) => `${a} to ${b}`)).toBe("Monday to Friday, 09:00–17:00 (Europe/Athens)");
});
