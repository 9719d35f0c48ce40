import { toAsciiDigits } from "../../src/engine/index.ts";
import { formatDateTime } from "../../src/i18n/dates.ts";

// 2027-03-07T08:00Z is Sunday 10:00 in Athens; in the Solar Hijri calendar it is ۱۶ اسفند ۱۴۰۵
const at = new Date("2027-03-07T08:00:00Z");
const inAthens = (language: string) => formatDateTime(at, language, "Europe/Athens");

test.each([
  ["fa", "یکشنبه ۷ مارچ ۲۰۲۷ ساعت ۱۰:۰۰"], // Dari (Afghan) month names, Persian digits
  ["ps", "يونۍ د ۲۰۲۷ د مارچ ۷ په ۱۰:۰۰"],
  ["ar", "الأحد، 7 مارس 2027 في 10:00 ص"],
  ["ur", "اتوار، 7 مارچ، 2027 کو 10:00 AM"],
  ["en", "Sunday, March 7, 2027 at 10:00 AM"],
])("%s: the Gregorian date in the language's words and digits, at the hour in the time zone", (language, expected) => {
  expect(inAthens(language)).toBe(expected);
});

test.each(["fa", "ps", "ar", "ur", "my", "bn", "am", "ti", "so", "uk", "tr", "ku"])(
  "%s: the year is 2027 in the language's digits, never another calendar's",
  (language) => {
    const written = toAsciiDigits(inAthens(language));
    expect(written).toContain("2027");
    expect(written).not.toMatch(/1405|2019/); // Solar Hijri, Ethiopian
  },
);
