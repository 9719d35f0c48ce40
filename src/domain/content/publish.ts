import type { Prisma } from "../../db/database.ts";
import { type Flows, formatClash, type Keywords, keywordClashes } from "../../engine/index.ts";
import { applyOverlay, type Overlay, withEdits } from "../../i18n/content-overlay.ts";
import { createTexts, type Resources } from "../../i18n/texts.ts";
import type { Finding } from "../../i18n/translation-report.ts";
import { checkTranslations } from "../../i18n/translation-report.ts";
import type { LocaleFiles } from "../../i18n/texts.ts";
import { translationUnits } from "../../i18n/translation-units.ts";
import {
  clearDrafts,
  type Draft,
  draftTexts,
  FILES_ONLY,
  insertVersion,
  legalChecks,
  lockVersions,
  publishedContent,
  replaceLegalChecks,
} from "./repository.ts";

/** What publishing checks texts against: the locale files, the flows and their keywords. */
export interface ContentBase {
  localesDir: string;
  defaultLanguage: string;
  /** the locale files as read at start-up: merged per language (readLocales), and file by file */
  base: Resources;
  files: ReadonlyMap<string, LocaleFiles>;
  /** the options' labels: reply words too, so a change to one is checked for keyword clashes */
  labels: ReadonlySet<string>;
  flows: Flows;
  keywords: Keywords;
  rtl(language: string): boolean;
}

export type LanguageFinding = Finding & { language: string };

export type PublishResult =
  | { ok: true; number: number; texts: number }
  | { ok: false; reason: "nothing_to_publish" }
  | { ok: false; reason: "refused"; findings: LanguageFinding[] };

/**
 * The published edits with these drafts over them, or why not: each language's drafts pass the checks of an
 * imported translation (placeholders, direction marks, at most 3 SMS segments unless an `_sms` variant fits),
 * English's first so translations are held to the new English; then, when a reply-word list or an option's label
 * changed, no keyword may clash with a reply word. Each language is checked beside English alone.
 */
export function checkDrafts(
  ctx: ContentBase,
  published: Overlay,
  pending: readonly Pick<Draft, "language" | "key" | "text">[],
): { ok: true; texts: Overlay } | { ok: false; findings: LanguageFinding[] } {
  const { defaultLanguage } = ctx;
  const next: Overlay = structuredClone(published);
  const findings: LanguageFinding[] = [];
  const languages = [...new Set(pending.map((d) => d.language))].sort((a, b) =>
    a === defaultLanguage ? -1 : b === defaultLanguage ? 1 : a.localeCompare(b),
  );
  let english = withEdits(ctx.base[defaultLanguage], next[defaultLanguage]);
  let replies = false;
  for (const language of languages) {
    const report = checkTranslations({
      resources: { [defaultLanguage]: english, [language]: withEdits(ctx.base[language], next[language]) },
      language,
      defaultLanguage,
      rtl: ctx.rtl(language),
      units: translationUnits(ctx.files, language, defaultLanguage, next),
      imported: new Map(pending.filter((d) => d.language === language).map((d) => [d.key, { text: d.text }])),
    });
    findings.push(...report.findings.map((f) => ({ ...f, language })));
    for (const [key, text] of report.accepted) {
      (next[language] ??= {})[key] = text;
      replies ||= Array.isArray(text) || ctx.labels.has(key);
    }
    if (language === defaultLanguage) english = withEdits(ctx.base[defaultLanguage], next[defaultLanguage]);
  }
  // with the texts that passed: a clash is reported beside the other findings, not once they are fixed
  if (replies) {
    const texts = createTexts(applyOverlay(ctx.base, { texts: next, legal: {} }, defaultLanguage), defaultLanguage);
    for (const clash of keywordClashes(ctx.flows, texts, texts.languages, ctx.keywords))
      findings.push({
        language: clash.language,
        key: wordListOf(ctx.keywords, clash.keyword),
        reason: formatClash(clash),
      });
  }
  return findings.length ? { ok: false, findings } : { ok: true, texts: next };
}

/** The text key of a keyword's word list ("stop" -> "keywords.stop"), as flows/keywords.yaml names it. */
const wordListOf = (keywords: Keywords, keyword: string) =>
  keywords.triggers.find((t) => t.words.split(".").pop() === keyword)?.words ?? keyword;

/**
 * Makes every draft live at once: a new numbered version (the published edits, these drafts over them, and the
 * legal checks as set), the drafts cleared, audited. All or nothing: one refused text refuses the publish.
 */
export async function publishDrafts(prisma: Prisma, ctx: ContentBase, staffUserId: number): Promise<PublishResult> {
  return prisma.$transaction(
    async (tx): Promise<PublishResult> => {
      await lockVersions(tx);
      const [pending, current, legal] = await Promise.all([draftTexts(tx), publishedContent(tx), legalChecks(tx)]);
      const published = current ?? FILES_ONLY;
      if (pending.length === 0 && JSON.stringify(legal) === JSON.stringify(published.legal))
        return { ok: false, reason: "nothing_to_publish" };
      const checked = checkDrafts(ctx, published.texts, pending);
      if (!checked.ok) return { ok: false, reason: "refused", findings: checked.findings };
      const number = await insertVersion(
        tx,
        staffUserId,
        { texts: checked.texts, legal },
        { action: "content_published", texts: pending.length },
      );
      await clearDrafts(tx);
      return { ok: true, number, texts: pending.length };
    },
    { timeout: 30_000 },
  );
}

/** A new version whose content is that of an older one (drafts stay drafts); false when there is no such version. */
export async function restoreVersion(prisma: Prisma, staffUserId: number, number: number): Promise<number | undefined> {
  return prisma.$transaction(async (tx) => {
    await lockVersions(tx);
    const old = await publishedContent(tx, number);
    if (!old) return undefined;
    await replaceLegalChecks(tx, staffUserId, old.legal);
    const texts = Object.values(old.texts).reduce((n, byKey) => n + Object.keys(byKey).length, 0);
    return insertVersion(tx, staffUserId, old, { action: "content_restored", restoredFrom: number, texts });
  });
}
