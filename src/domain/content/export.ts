import type { Prisma } from "../../db/database.ts";
import { mergeReviews, readReviewFile, writeReviewFile } from "../../i18n/review-state.ts";
import { translationUnits, translationValue, writeTranslations } from "../../i18n/translation-units.ts";
import { publishedContent, reviewsOf } from "./repository.ts";

/**
 * The newest published version written back into the locale files (i18next JSON, as they are kept) and the
 * reviews made in the app into locales/review.json, so the repository holds what people read. Legal checks
 * stay in the database: they are dates, not texts.
 */
export async function exportContent(prisma: Prisma, dir: string, defaultLanguage: string) {
  const [content, dbReviews] = await Promise.all([publishedContent(prisma), reviewsOf(prisma)]);
  const files = Object.entries(content?.texts ?? {}).flatMap(([language, texts]) => {
    const units = translationUnits(dir, language, defaultLanguage);
    const byKey = new Map(units.map((u) => [u.key, u]));
    const values = new Map(
      Object.entries(texts).flatMap(([key, text]) => {
        const unit = byKey.get(key);
        return unit ? [[key, typeof text === "string" ? translationValue(unit, text) : text] as const] : [];
      }),
    );
    return writeTranslations(dir, language, units, values);
  });
  const reviews = mergeReviews(readReviewFile(dir), dbReviews);
  writeReviewFile(dir, reviews);
  return {
    version: content?.number ?? 0,
    files,
    reviews: Object.values(reviews).reduce((n, r) => n + Object.keys(r).length, 0),
  };
}
