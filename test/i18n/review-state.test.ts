import { englishHash, mergeReviews, reviewCounts, reviewState } from "../../src/i18n/review-state.ts";
import type { TranslationUnit } from "../../src/i18n/translation-units.ts";

const unit = (source: string, target: string | undefined, optional = false): TranslationUnit => ({
  file: "rights",
  key: "rights.retry",
  source,
  target,
  list: false,
  optional,
});
const reviewOf = (english: string) => ({
  by: "ana@example.org",
  at: "2026-12-01T10:00:00.000Z",
  englishHash: englishHash(english),
});

test("a translation reviewed against today's English is reviewed; once English changes it is stale", () => {
  const review = reviewOf("Sorry, please reply with one of the numbers.");
  expect(reviewState(unit("Sorry, please reply with one of the numbers.", "عذراً"), review)).toBe("reviewed");
  expect(reviewState(unit("Sorry, please reply with a number.", "عذراً"), review)).toBe("stale");
  // a change nobody sees is a change too: the reviewer read other words
  expect(reviewState(unit("Sorry, please reply with one of the numbers. ", "عذراً"), review)).toBe("stale");
});

test("without a review a translation is unreviewed, and without a text it is missing, reviewed or not", () => {
  expect(reviewState(unit("Hi", "Salut"), undefined)).toBe("unreviewed");
  expect(reviewState(unit("Hi", undefined), reviewOf("Hi"))).toBe("missing");
});

test("counts per state leave out the plural forms a language may do without and English's SMS variants", () => {
  const units = [
    { ...unit("a", "x"), key: "a" },
    { ...unit("b", "y"), key: "b" },
    { ...unit("c", undefined), key: "c" },
    { ...unit("d", undefined, true), key: "d_few" },
    { ...unit("short d", undefined), key: "d_sms" },
    { ...unit("e", "z"), key: "e" },
  ];
  expect(reviewCounts(units, { a: reviewOf("a"), b: reviewOf("old b") })).toEqual({
    missing: 1,
    unreviewed: 1,
    reviewed: 1,
    stale: 1,
  });
});

test("the reviews kept with the files, and over them a key reviewed in the app since, in every language", () => {
  const old = reviewOf("Hello");
  const newer = { ...reviewOf("Hello again"), by: "omar@example.org" };
  const merged = mergeReviews(
    { ar: { "menu.a": old, "menu.b": old }, fr: { "menu.a": old } },
    {
      ar: { "menu.b": newer },
      so: { "menu.a": newer },
    },
  );
  expect(merged).toEqual({
    ar: { "menu.a": old, "menu.b": newer },
    fr: { "menu.a": old },
    so: { "menu.a": newer },
  });
});
