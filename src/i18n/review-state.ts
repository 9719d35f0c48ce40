import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SMS_VARIANT } from "./locale-check.ts";
import type { TranslationUnit } from "./translation-units.ts";

/** Who checked a translation, when, and against which English (its hash): English changed since -> stale. */
export const reviewSchema = z.object({ by: z.string(), at: z.iso.datetime(), englishHash: z.string() });
export type Review = z.infer<typeof reviewSchema>;
/** { language: { key: review } } */
export type Reviews = Record<string, Record<string, Review>>;

export const REVIEW_STATES = ["missing", "unreviewed", "reviewed", "stale"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The reviews kept with the locale files: locales/review.json (readLocales reads only the language folders). */
export const reviewFile = (localesDir: string) => path.join(localesDir, "review.json");

export function readReviewFile(localesDir: string): Reviews {
  const file = reviewFile(localesDir);
  if (!existsSync(file)) return {};
  return z.record(z.string(), z.record(z.string(), reviewSchema)).parse(JSON.parse(readFileSync(file, "utf8")));
}

export function writeReviewFile(localesDir: string, reviews: Reviews): void {
  const sorted = Object.fromEntries(
    Object.keys(reviews)
      .sort()
      .map((lng) => [
        lng,
        Object.fromEntries(Object.entries(reviews[lng] ?? {}).sort(([a], [b]) => a.localeCompare(b))),
      ]),
  );
  writeFileSync(reviewFile(localesDir), `${JSON.stringify(sorted, null, 2)}\n`);
}

/** The reviews kept with the locale files, and over them those made in the staff app since (a key's newest). */
export function mergeReviews(fromFile: Reviews, fromApp: Reviews): Reviews {
  const languages = new Set([...Object.keys(fromFile), ...Object.keys(fromApp)]);
  return Object.fromEntries([...languages].map((lng) => [lng, { ...fromFile[lng], ...fromApp[lng] }]));
}

export const englishHash = (english: string) => createHash("sha256").update(english).digest("hex");

/**
 * A translation's state: missing (no text yet), unreviewed, reviewed, or stale when the English it was reviewed
 * against is no longer the English of today.
 */
export function reviewState(unit: TranslationUnit, review: Review | undefined): ReviewState {
  if (unit.target === undefined) return "missing";
  if (!review) return "unreviewed";
  return review.englishHash === englishHash(unit.source) ? "reviewed" : "stale";
}

export type ReviewCounts = Record<ReviewState, number>;

/**
 * How many of a locale's texts are in each state. Not counted where the locale has no text: a plural form the
 * language does without, and English's SMS variant (a locale whose full text fits needs no shorter one).
 */
export function reviewCounts(units: readonly TranslationUnit[], reviews: Record<string, Review> = {}): ReviewCounts {
  const counts: ReviewCounts = { missing: 0, unreviewed: 0, reviewed: 0, stale: 0 };
  for (const unit of units)
    if (unit.target !== undefined || !(unit.optional || SMS_VARIANT.test(unit.key)))
      counts[reviewState(unit, reviews[unit.key])]++;
  return counts;
}
