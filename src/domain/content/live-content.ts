import type { Prisma } from "../../db/database.ts";
import { applyOverlay } from "../../i18n/content-overlay.ts";
import type { LiveTexts } from "../../i18n/live-texts.ts";
import { createTexts, type Resources } from "../../i18n/texts.ts";
import type { Logger } from "../../logger.ts";
import { latestVersionNumber, publishedContent } from "./repository.ts";

/**
 * Keeps this process's texts at the newest published content version: it asks the database for the newest
 * number (an index read) and, when it changed, builds that version's texts once and swaps them in. A turn reads
 * the texts it always read, with their caches: a version costs one build, not one per turn.
 */
export class LiveContent {
  private loaded = -1;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      prisma: Prisma;
      base: Resources;
      defaultLanguage: string;
      texts: LiveTexts;
      log: Logger;
      /** a publish is live in every process within this (and one build of the texts) */
      pollMs: number;
    },
  ) {}

  /** The version this process's texts are at (0: the locale files alone). */
  get version(): number {
    return this.loaded;
  }

  /** Loads the newest version now (at start-up, before any turn, and after a publish in this process). */
  refresh(): Promise<void> {
    this.running ??= this.load().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async load(): Promise<void> {
    const { prisma, base, defaultLanguage, texts, log } = this.deps;
    const latest = await latestVersionNumber(prisma);
    if (latest === this.loaded) return;
    const content = await publishedContent(prisma, latest);
    if (!content) return;
    texts.swap(createTexts(applyOverlay(base, content, defaultLanguage), defaultLanguage));
    this.loaded = content.number;
    log.info({ version: content.number }, "content version live");
  }

  start(): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        this.refresh()
          .catch((error: unknown) => this.deps.log.warn({ err: error }, "content version poll failed"))
          .finally(() => {
            if (this.timer) tick();
          });
      }, this.deps.pollMs);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
