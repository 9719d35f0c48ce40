import { foldCase } from "./answers.ts";
import { foldArabicScript } from "./arabic-script.ts";

/**
 * Protection-risk words (violence, abuse, trafficking, self-harm, suicide) in a message. Lists live in
 * locales/<lng>/risk.json; an entry is one or more words, and a word ending in `*` matches any ending
 * ("abus*" finds "abused", "abusive"). Both sides are normalised, so accents, Arabic diacritics,
 * hamza forms and the article "ال" glued to a word do not hide a match.
 */
export function findRiskWords(text: string | RiskText, entries: readonly string[]): string[] {
  return riskList(entries).find(typeof text === "string" ? riskText(text) : text);
}

/** Whether any of the lists (say the person's language's and the default's) names a risk: the message is read once. */
export function hasRiskWords(text: string, lists: readonly (readonly string[])[]): boolean {
  const message = riskText(text);
  return lists.some((list) => riskList(list).find(message).length > 0);
}

/** A message read once for risk words: a new person's message is checked against every language's list. */
export interface RiskText {
  words: string[];
  /** the words run together, for scripts written without spaces */
  unspaced: string;
}

export function riskText(text: string): RiskText {
  const words = tokens(text);
  return { words, unspaced: words.join("") };
}

/** A list made ready once: entries indexed by their first word, so a message costs a few lookups per word. */
class RiskList {
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

  find({ words, unspaced }: RiskText): string[] {
    const found = new Set<Entry>();
    for (const e of this.unspaced) if (unspaced.includes(e.wanted[0]!)) found.add(e);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      for (const e of this.exact.get(word) ?? []) if (follows(e, words, i)) found.add(e);
      // a shorter word is its own slice: it can only meet a prefix it starts with, so no length check
      for (const n of this.prefixLengths) for (const e of this.prefixes.get(word.slice(0, n)) ?? []) if (follows(e, words, i)) found.add(e);
    }
    return found.size === 0 ? [] : [...found].sort((a, b) => a.order - b.order).map((e) => e.text);
  }
}

/** The entry's words after its first (already met at `i`) are the message's next words. */
function follows(e: Entry, words: string[], i: number): boolean {
  for (let j = 1; j < e.wanted.length; j++) if (i + j >= words.length || !matches(words[i + j]!, e.wanted[j]!)) return false;
  return true;
}

type Entry = { text: string; order: number; wanted: string[] };

// the lists come from the locale texts, which hand out the same array every time: each is made ready once
const lists = new WeakMap<readonly string[], RiskList>();
function riskList(entries: readonly string[]): RiskList {
  let list = lists.get(entries);
  if (!list) lists.set(entries, (list = new RiskList(entries)));
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
