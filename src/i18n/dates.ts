/**
 * The locale a language's dates are written in. `fa` is Farsi/Dari: here mostly read by Afghans, whose
 * Gregorian months are جنوری، فبروری، مارچ... (fa-AF), where Iran's are ژانویه، فوریه، مارس...
 */
const DATE_LOCALE: Record<string, string> = { fa: "fa-AF" };

/**
 * A day and hour in the person's language and digits, in `timeZone`, always in the Gregorian calendar:
 * the dates on a person's papers are Gregorian, where fa and ps would write the Solar Hijri "۱۴۰۵ اسفند".
 */
export function formatDateTime(at: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[language] ?? language, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
    calendar: "gregory",
  }).format(at);
}

/** A calendar day ("12 March 2026") in the person's language and digits, Gregorian as above. */
export function formatDay(day: Date, language: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[language] ?? language, {
    dateStyle: "long",
    timeZone: "UTC", // a day kept without an hour (a DATE column reads as its UTC midnight)
    calendar: "gregory",
  }).format(day);
}
