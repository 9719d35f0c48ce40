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
  const ready: RiskList[] = [];
  const hits: Hit[][] = [];
  let any = false;
  for (const l of lists) {
    const list = riskList(l.words, l.not);
    const found = list.hits(message);
    ready.push(list);
    hits.push(found);
    any ||= found.length > 0;
  }
  if (!any) return [];
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

type Entry = { text: string; order: number; wanted: string[]; head: string };
/** where an entry was met: characters [start, end) of the unspaced text */
type Hit = { entry: Entry; start: number; end: number };

/**
 * Entries indexed so that a message costs a lookup or two per word, however long the lists: whole first
 * words by the word, `word*` prefixes and Burmese entries (looked for anywhere, Burmese puts no spaces
 * between words) by their first two letters, then checked whole.
 */
class Matcher {
  private readonly exact = new Map<string, Entry[]>();
  private readonly prefixes = new Map<string, Entry[]>();
  private readonly unspaced = new Map<string, Entry[]>();

  constructor(entries: readonly string[]) {
    const add = (index: Map<string, Entry[]>, key: string, entry: Entry) => index.set(key, [...(index.get(key) ?? []), entry]);
    entries.forEach((text, order) => {
      const wanted = tokens(text, true);
      if (UNSPACED_SCRIPT.test(text)) {
        const head = wanted.join("").replaceAll("*", "");
        return add(this.unspaced, head.slice(0, 2), { text, order, wanted: [head], head });
      }
      const first = wanted[0];
      if (first === undefined) return;
      if (!first.endsWith("*")) return add(this.exact, first, { text, order, wanted, head: first });
      const head = first.slice(0, -1);
      add(this.prefixes, head.slice(0, 2), { text, order, wanted, head });
    });
  }

  hits({ words, unspaced, starts }: RiskText): Hit[] {
    const hits: Hit[] = [];
    // plain loops, no closures: this runs on every new person's message against 17 lists
    for (let at = 0; this.unspaced.size > 0 && at < unspaced.length; at++) {
      for (const entry of filed(this.unspaced, unspaced, at)) {
        if (unspaced.startsWith(entry.head, at)) hits.push({ entry, start: at, end: at + entry.head.length });
      }
    }
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      for (const entry of this.exact.get(word) ?? NO_ENTRIES) pushIfFollows(hits, entry, words, starts, i);
      for (const entry of filed(this.prefixes, word, 0)) if (word.startsWith(entry.head)) pushIfFollows(hits, entry, words, starts, i);
    }
    return hits;
  }
}

const NO_ENTRIES: Entry[] = [];

/** The entries filed under the text's letters at `at` (a one-letter head is filed under that letter: both beginnings count). */
function filed(index: Map<string, Entry[]>, text: string, at: number): Entry[] {
  const two = index.get(text.slice(at, at + 2));
  const one = at + 1 < text.length ? index.get(text[at]!) : undefined;
  return one ? [...(two ?? NO_ENTRIES), ...one] : (two ?? NO_ENTRIES);
}

/** The entry whose first word is the message's word `i` is a hit if its other words follow. */
function pushIfFollows(hits: Hit[], entry: Entry, words: string[], starts: number[], i: number): void {
  if (!follows(entry, words, i)) return;
  const last = i + entry.wanted.length - 1;
  hits.push({ entry, start: starts[i]!, end: starts[last]! + words[last]!.length });
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
