import type { Value } from "../engine/index.ts";
import type { LocaleTexts } from "./texts.ts";

/** The texts of the content version this process runs; `swap` moves every reader to the next version at once. */
export interface LiveTexts extends LocaleTexts {
  swap(next: LocaleTexts): void;
}

/**
 * One object handed to the engine, the handoff and the staff pages at start-up that reads through to the
 * current version's texts: a publish replaces what is behind it, and each version keeps its own caches.
 */
export function liveTexts(initial: LocaleTexts): LiveTexts {
  let current = initial;
  return {
    get languages() {
      return current.languages;
    },
    t: (language: string, key: string, vars: Record<string, Value>, variant?: string) =>
      current.t(language, key, vars, variant),
    words: (language: string, key: string) => current.words(language, key),
    rtl: (language: string) => current.rtl(language),
    has: (language: string, key: string) => current.has(language, key),
    swap(next: LocaleTexts) {
      current = next;
    },
  };
}
