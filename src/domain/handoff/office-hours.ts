import { z } from "zod";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** When the team answers: weekdays (0 = Monday) and minutes of the day, in `timeZone`. */
export interface OfficeHours {
  days: number[];
  start: number;
  end: number;
  timeZone: string;
}

const SPEC =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:-(Mon|Tue|Wed|Thu|Fri|Sat|Sun))? ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** OFFICE_HOURS such as "Mon-Fri 09:00-17:00" (a day range wraps: "Sun-Thu" is five days). */
export function parseOfficeHours(
  spec: string,
  timeZone: string,
): { ok: true; hours: OfficeHours } | { ok: false; reason: string } {
  const m = SPEC.exec(spec.trim());
  if (!m) return { ok: false, reason: 'expected like "Mon-Fri 09:00-17:00"' };
  const first = DAYS.indexOf(dayName(m[1]));
  const last = m[2] ? DAYS.indexOf(dayName(m[2])) : first;
  const days: number[] = [];
  for (let d = first; ; d = (d + 1) % 7) {
    days.push(d);
    if (d === last) break;
  }
  const start = Number(m[3]) * 60 + Number(m[4]);
  const end = Number(m[5]) * 60 + Number(m[6]);
  if (end <= start) return { ok: false, reason: "the end of the day must come after its start" };
  if (!validTimeZone(timeZone)) return { ok: false, reason: `unknown time zone "${timeZone}"` };
  return { ok: true, hours: { days, start, end, timeZone } };
}

const dayName = (s: string | undefined) => z.enum(DAYS).parse(s);

export function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function isOpen(hours: OfficeHours, at: Date): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  // biome-ignore lint/complexity/useIndexOf: DAYS.indexOf takes only its literal types, a weekday is a string
  const day = DAYS.findIndex((d) => d === part("weekday"));
  const minute = Number(part("hour")) * 60 + Number(part("minute"));
  return hours.days.includes(day) && minute >= hours.start && minute < hours.end;
}

/** The days and times in the person's language, e.g. "lundi au vendredi, 09:00–17:00". */
export function describeHours(
  hours: OfficeHours,
  language: string,
  days: (first: string, last: string) => string,
): string {
  // 2024-01-01 was a Monday: day n of the week is that date plus n days
  const name = (d: number) =>
    new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + d)));
  const first = hours.days[0] ?? 0;
  const last = hours.days.at(-1) ?? first;
  const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const span = first === last ? name(first) : days(name(first), name(last));
  return `${span}, ${time(hours.start)}–${time(hours.end)} (${hours.timeZone})`;
}
