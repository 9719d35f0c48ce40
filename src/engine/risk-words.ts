import { foldCase } from "./answers.ts";
import { foldArabicScript } from "./arabic-script.ts";
import type { Texts } from "./types.ts";

/**
 * Protection-risk words (violence, abuse, trafficking, self-harm, suicide) in a message. Lists live in
 * locales/<lng>/risk.json; an entry is one or more words, and a word ending in `*` matches any ending
 * ("abus*" finds "abused", "abusive"). Both sides are normalised, so accents, Arabic diacritics,
 * hamza forms and the article "ال" glued to a word do not hide a match.
 * `not` lists everyday phrases that cancel the risk words they cover: "mourir" is a risk, "mourir de faim"
 * (starving, said of anything) is not; "exploit*" is, "exploitation agricole" (a farm) is not. A risk word
 * met elsewhere in the message still counts.
 */
export function findRiskWords(text: string | RiskText, entries: readonly string[], not: readonly string[] = NONE): string[] {
  return riskList(entries, not).find(typeof text === "string" ? riskText(text) : text);
}

/** A language's risk words and the everyday phrases that cancel them. */
export interface RiskWords {
  words: readonly string[];
  not: readonly string[];
}

export function riskWords(texts: Texts, language: string): RiskWords {
  return { words: texts.words(language, "risk.words"), not: texts.words(language, "risk.not") };
}

/** The person's language's lists and the default language's, as reply words are read. */
export function riskWordLists(texts: Texts, language: string, defaultLanguage: string): RiskWords[] {
  const own = riskWords(texts, language);
  return language === defaultLanguage ? [own] : [own, riskWords(texts, defaultLanguage)];
}

/**
 * Which of the lists name a risk in the message (their indexes): the message is read once, and every list's
 * everyday phrases count against every list's words ("exploitation agricole" in the French list cancels
 * "exploitation" in the English one, which a French speaker's message meets too).
 */
export function listsWithRisk(text: string, lists: readonly RiskWords[]): number[] {
  const message = riskText(text);
  const ready = lists.map((l) => riskList(l.words, l.not));
  const hits = ready.map((l) => l.hits(message));
  if (hits.every((h) => h.length === 0)) return [];
  const covers = ready.flatMap((l) => l.covers(message));
  return hits.flatMap((h, i) => (uncovered(h, covers).length > 0 ? [i] : []));
}

/** Whether any of the lists (say the person's language's and the default's) names a risk. */
export function hasRiskWords(text: string, lists: readonly RiskWords[]): boolean {
  return listsWithRisk(text, lists).length > 0;
}

/** A message read once for risk words: a new person's message is checked against every language's list. */
export interface RiskText {
  words: string[];
  /** the words run together, for scripts written without spaces */
  unspaced: string;
  /** where each word starts in `unspaced`: a match, spaced or not, is a stretch of it */
  starts: number[];
}

export function riskText(text: string): RiskText {
  const words = tokens(text);
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += w.length;
  }
  return { words, unspaced: words.join(""), starts };
}

type Entry = { text: string; order: number; wanted: string[] };
/** where an entry was met: characters [start, end) of the unspaced text */
type Hit = { entry: Entry; start: number; end: number };

/** Entries indexed by their first word, so a message costs a few lookups per word. */
class Matcher {
  private readonly exact = new Map<string, Entry[]>();
  private readonly prefixes = new Map<string, Entry[]>();
  private readonly prefixLengths: number[];
  private readonly unspaced: Entry[] = [];

  constructor(entries: readonly string[]) {
    const lengths = new Set<number>();
    entries.forEach((text, order) => {
      const wanted = tokens(text, true);
      // Burmese puts no spaces between words: its entries are looked for anywhere in the text
      if (UNSPACED_SCRIPT.test(text)) return this.unspaced.push({ text, order, wanted: [wanted.join("").replaceAll("*", "")] });
      const first = wanted[0];
      if (first === undefined) return;
      const star = first.endsWith("*");
      const key = star ? first.slice(0, -1) : first;
      if (star) lengths.add(key.length);
      const index = star ? this.prefixes : this.exact;
      index.set(key, [...(index.get(key) ?? []), { text, order, wanted }]);
    });
    this.prefixLengths = [...lengths];
  }

  hits({ words, unspaced, starts }: RiskText): Hit[] {
    const hits: Hit[] = [];
    for (const entry of this.unspaced) {
      const wanted = entry.wanted[0]!;
      for (let at = unspaced.indexOf(wanted); at >= 0; at = unspaced.indexOf(wanted, at + 1)) hits.push({ entry, start: at, end: at + wanted.length });
    }
    const hit = (entry: Entry, i: number) => {
      if (!follows(entry, words, i)) return;
      const last = i + entry.wanted.length - 1;
      hits.push({ entry, start: starts[i]!, end: starts[last]! + words[last]!.length });
    };
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      for (const e of this.exact.get(word) ?? []) hit(e, i);
      // a shorter word is its own slice: it can only meet a prefix it starts with, so no length check
      for (const n of this.prefixLengths) for (const e of this.prefixes.get(word.slice(0, n)) ?? []) hit(e, i);
    }
    return hits;
  }
}

/** A language's list made ready once: its risk entries, and the everyday phrases that cancel those they cover. */
class RiskList {
  private readonly risks: Matcher;
  private readonly not: Matcher;

  constructor(entries: readonly string[], not: readonly string[]) {
    this.risks = new Matcher(entries);
    this.not = new Matcher(not);
  }

  hits(message: RiskText): Hit[] {
    return this.risks.hits(message);
  }

  covers(message: RiskText): Hit[] {
    return this.not.hits(message);
  }

  find(message: RiskText): string[] {
    const hits = this.hits(message);
    if (hits.length === 0) return [];
    const found = new Set(uncovered(hits, this.covers(message)).map((h) => h.entry));
    return [...found].sort((a, b) => a.order - b.order).map((e) => e.text);
  }
}

/** The hits no everyday phrase covers whole. */
function uncovered(hits: Hit[], covers: Hit[]): Hit[] {
  return hits.filter((h) => !covers.some((c) => c.start <= h.start && h.end <= c.end));
}

/** The entry's words after its first (already met at `i`) are the message's next words. */
function follows(e: Entry, words: string[], i: number): boolean {
  for (let j = 1; j < e.wanted.length; j++) if (i + j >= words.length || !matches(words[i + j]!, e.wanted[j]!)) return false;
  return true;
}

const NONE: readonly string[] = [];
// the lists come from the locale texts, which hand out the same arrays every time: each is made ready once
const lists = new WeakMap<readonly string[], WeakMap<readonly string[], RiskList>>();
function riskList(entries: readonly string[], not: readonly string[]): RiskList {
  let byNot = lists.get(entries);
  if (!byNot) lists.set(entries, (byNot = new WeakMap()));
  let list = byNot.get(not);
  if (!list) byNot.set(not, (list = new RiskList(entries, not)));
  return list;
}

function matches(word: string, wanted: string): boolean {
  return wanted.endsWith("*") ? word.startsWith(wanted.slice(0, -1)) : word === wanted;
}

// "ال" and the conjunctions/prepositions glued before it (و, ب, ف, ك, ل): "والعنف" is "عنف"
const ARABIC_ARTICLE = /^(?:[وفبكل]?ال|لل)(?=\p{L}{2})/u;

const UNSPACED_SCRIPT = /[\u1000-\u109f]/u;

function tokens(text: string, keepStar = false): string[] {
  const decomposed = text
    .normalize("NFKD")
    // Latin accents and (in the fold) Arabic harakat only: in Bengali or Burmese the marks are vowels that tell words apart
    .replace(/[\u0300-\u036f]/gu, "");
  const cleaned = foldCase(foldArabicScript(decomposed));
  return cleaned
    .split(keepStar ? /[^\p{L}\p{M}\p{N}*]+/u : /[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(ARABIC_ARTICLE, ""));
}
