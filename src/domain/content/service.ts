import type { Prisma } from "../../db/database.ts";
import { flowTextUses } from "../../engine/index.ts";
import { applyOverlay, type LegalChecks, type Overlay } from "../../i18n/content-overlay.ts";
import { createTexts, type LocaleTexts } from "../../i18n/texts.ts";
import {
  englishHash,
  readReviewFile,
  mergeReviews,
  type Review,
  type ReviewCounts,
  reviewCounts,
  type Reviews,
  type ReviewState,
  reviewState,
} from "../../i18n/review-state.ts";
import { type TranslationUnit, translationUnits, translationValue } from "../../i18n/translation-units.ts";
import { VARIANT } from "../../i18n/unused-texts.ts";
import type { LiveContent } from "./live-content.ts";
import { type ContentBase, type PublishResult, publishDrafts, restoreVersion } from "./publish.ts";
import {
  contentVersions,
  type Draft,
  discardDraft,
  drafts,
  legalChecks,
  publishedContent,
  reviewsOf,
  saveDraft,
  saveReview,
  setLegalCheck,
} from "./repository.ts";

/** One text as the texts page shows it: English beside the locale's published text, its draft and review. */
export interface TextRow extends TranslationUnit {
  draft: Draft | undefined;
  state: ReviewState;
  review: Review | undefined;
  /** "flow/node" where a flow shows or reads it */
  uses: string[];
}

export interface LocaleSummary {
  language: string;
  counts: ReviewCounts;
  drafts: number;
}

/**
 * The texts the NGO edits in the staff app: drafts, publishing (live in every process through LiveContent),
 * versions, reviews and legal checks. The locale files are the base; locales/review.json the reviews kept with them.
 */
export class ContentService {
  private readonly uses: Map<string, string[]>;
  private readonly fileReviews: Reviews;

  constructor(
    private readonly prisma: Prisma,
    private readonly ctx: ContentBase,
    private readonly live: LiveContent,
  ) {
    this.uses = flowTextUses(ctx.flows);
    this.fileReviews = readReviewFile(ctx.localesDir);
  }

  get languages(): string[] {
    return Object.keys(this.ctx.base);
  }

  /** The rights topics a legal check can be set on: those with a summary (flows/rights.yaml). */
  get legalTopics(): string[] {
    const rights = this.ctx.base[this.ctx.defaultLanguage]?.rights;
    return rights && typeof rights === "object"
      ? Object.entries(rights).flatMap(([topic, v]) => (v && typeof v === "object" && "summary" in v ? [topic] : []))
      : [];
  }

  drafts(): Promise<Draft[]> {
    return drafts(this.prisma);
  }

  get defaultLanguage(): string {
    return this.ctx.defaultLanguage;
  }

  /** A locale's texts as published now (or in `published`, already read), in the order of the English files. */
  private async units(language: string, published?: Overlay): Promise<TranslationUnit[]> {
    const texts = published ?? (await publishedContent(this.prisma))?.texts ?? {};
    return translationUnits(this.ctx.files, language, this.ctx.defaultLanguage, texts);
  }

  private async reviews(language: string): Promise<Record<string, Review>> {
    return mergeReviews(this.fileReviews, await reviewsOf(this.prisma, language))[language] ?? {};
  }

  async texts(language: string): Promise<TextRow[]> {
    const [units, pending, reviews] = await Promise.all([
      this.units(language),
      drafts(this.prisma, language),
      this.reviews(language),
    ]);
    const draftOf = new Map(pending.map((d) => [d.key, d]));
    return units.map((u) => ({
      ...u,
      draft: draftOf.get(u.key),
      state: language === this.ctx.defaultLanguage ? "reviewed" : reviewState(u, reviews[u.key]),
      review: reviews[u.key],
      // a variant (`_sms`, a plural form) is shown where its text is
      uses: this.uses.get(u.key.replace(VARIANT, "")) ?? [],
    }));
  }

  /**
   * The texts as a person would read them once every draft and legal check set since is published, checks aside:
   * what the simulator's "drafts" shows. Built afresh each time, so an editor's newest draft is in it.
   */
  async draftTexts(): Promise<LocaleTexts> {
    const [published, pending, legal] = await Promise.all([
      publishedContent(this.prisma),
      drafts(this.prisma),
      legalChecks(this.prisma),
    ]);
    const texts = structuredClone(published?.texts ?? {});
    for (const language of new Set(pending.map((d) => d.language))) {
      const units = new Map((await this.units(language, published?.texts ?? {})).map((u) => [u.key, u]));
      for (const d of pending.filter((p) => p.language === language)) {
        const unit = units.get(d.key);
        (texts[language] ??= {})[d.key] = unit ? translationValue(unit, d.text) : d.text;
      }
    }
    const { base, defaultLanguage } = this.ctx;
    return createTexts(applyOverlay(base, { texts, legal }, defaultLanguage), defaultLanguage);
  }

  /** Every translated locale's review counts and pending drafts: what keeps it from complete. */
  async summary(): Promise<LocaleSummary[]> {
    const [published, pending, fromApp] = await Promise.all([
      publishedContent(this.prisma),
      drafts(this.prisma),
      reviewsOf(this.prisma),
    ]);
    const reviews = mergeReviews(this.fileReviews, fromApp);
    return Promise.all(
      this.languages
        .filter((l) => l !== this.ctx.defaultLanguage)
        .map(async (language) => ({
          language,
          counts: reviewCounts(await this.units(language, published?.texts ?? {}), reviews[language] ?? {}),
          drafts: pending.filter((d) => d.language === language).length,
        })),
    );
  }

  /** Saves a draft of a text the locale has or may have; false for an unknown key. */
  async saveDraft(staffUserId: number, language: string, key: string, text: string): Promise<boolean> {
    if (!this.languages.includes(language)) return false;
    const units = await this.units(language);
    if (!units.some((u) => u.key === key)) return false;
    await saveDraft(this.prisma, staffUserId, { language, key, text });
    return true;
  }

  discardDraft(staffUserId: number, language: string, key: string): Promise<boolean> {
    return discardDraft(this.prisma, staffUserId, language, key);
  }

  /** Marks the published translation reviewed against today's English; false when there is none to review. */
  async review(staffUserId: number, language: string, key: string): Promise<boolean> {
    if (language === this.ctx.defaultLanguage || !this.languages.includes(language)) return false;
    const unit = (await this.units(language)).find((u) => u.key === key);
    if (!unit || unit.target === undefined) return false;
    await saveReview(this.prisma, staffUserId, { language, key, englishHash: englishHash(unit.source) });
    return true;
  }

  async publish(staffUserId: number): Promise<PublishResult> {
    const result = await publishDrafts(this.prisma, this.ctx, staffUserId);
    if (result.ok) await this.live.refresh();
    return result;
  }

  async restore(staffUserId: number, number: number): Promise<number | undefined> {
    const restored = await restoreVersion(this.prisma, staffUserId, number);
    if (restored !== undefined) await this.live.refresh();
    return restored;
  }

  versions() {
    return contentVersions(this.prisma);
  }

  /** The version this process runs (0: the locale files alone). */
  get liveVersion(): number {
    return this.live.version;
  }

  async legal(): Promise<{ set: LegalChecks; published: LegalChecks }> {
    const [set, published] = await Promise.all([legalChecks(this.prisma), publishedContent(this.prisma)]);
    return { set, published: published?.legal ?? {} };
  }

  setLegalCheck(staffUserId: number, topic: string, day: string): Promise<void> {
    return setLegalCheck(this.prisma, staffUserId, topic, day);
  }
}
