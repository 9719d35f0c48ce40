import { foldCase } from "./answers.ts";
import { foldArabicScript } from "./arabic-script.ts";
import type { Texts } from "./types.ts";

/**
 * Protection-risk words (violence, abuse, trafficking, self-harm, suicide) in a message. Lists live in
 * locales/<lng>/risk.json; an entry is one or more words, and a word ending in `*` matches any ending
 * ("abus*" finds "abused", "abusive"); a `*` inside a word, anything between its beginning and its end
 * ("ضرب*ني" finds "ضربوني" and "ضربتوني", they beat me; "a*nipiga" finds "ananipiga" and "alinipiga").
 * Both sides are normalised, so accents, Arabic diacritics, hamza forms and the article "ال" glued to a
 * word do not hide a match.
 * `not` lists everyday phrases that cancel the risk words they cover: "mourir" is a risk, "mourir de faim"
 * (starving, said of anything) is not; "exploit*" is, "exploitation agricole" (a farm) is not. A risk word
 * met elsewhere in the message still counts.
 */
export function findRiskWords(
  text: string | RiskText,
  entries: readonly string[] | RiskWords,
  not: readonly string[] = NONE,
): string[] {
  const lists = "words" in entries ? entries : { words: entries, not };
  return riskList(lists).find(typeof text === "string" ? riskText(text) : text);
}

/**
 * A language's risk words and the everyday phrases that cancel them; and its concepts, in pairs of lists: a
 * word of one met within a few words of a word of the other names a risk, however the sentence around them
 * is worded ("my husband ... burned ... me", "the boss ... keeps ... our passports").
 */
export interface RiskWords {
  words: readonly string[];
  not: readonly string[];
  near?: readonly ConceptPair[];
  /**
   * Things that do no harm: a risk met within a few words after one is an idiom, whatever the thing ("my
   * back is killing me", "that video killed me", "the joke killed me laughing"). Only before: "he beat me
   * for laughing" is still a risk.
   */
  idioms?: readonly string[];
  /**
   * Words of the danger domain that alone prove nothing ("afraid", "knife", "police"): a message with one and
   * no risk gets a question ("are you in danger now?") rather than an urgent handover or nothing. The
   * everyday phrases and idioms cancel them as they cancel risk words ("scared of the exam" asks nothing).
   */
  hints?: readonly string[];
}

/**
 * The act and whom or what it falls on: "hit*" and "me", "keeps" and "my passport", "going to" and "die";
 * and at most how many words may stand between them (NEAR unless given).
 */
export type ConceptPair = readonly [readonly string[], readonly string[], number?];

/** The concept lists of locales/<lng>/risk.json that name a risk when they meet. */
const CONCEPT_PAIRS = [
  // harm acts near the person they fall on or who does them
  ["risk.acts", "risk.persons"],
  // keeping, taking or refusing near a person's papers
  ["risk.holds", "risk.papers"],
  // an intent near a way to end one's life
  ["risk.wishes", "risk.ends"],
  // selling near a relative: a sister sold, not a phone sold to me
  ["risk.sells", "risk.kin"],
  // a child near being alone or lost: a boy alone at the station, no parents; further apart, as verb-last
  // languages put the child first and "alone" at the end ("küçük bir çocuk dünden beri otogarda tek başına")
  ["risk.children", "risk.alone", 5],
  // sleeping with someone near a threat or a price: "sleep with him or he throws me out", "for the rent";
  // further apart, as verb-last languages put the condition first ("if I don't pay the rent, with him I must sleep")
  ["risk.beds", "risk.unless", 4],
  // a debt near working it off or not being let go: "I owe 5000 for the road and must work until I pay"
  ["risk.debts", "risk.labour", 6],
  // marrying off near a child's age: "wants to marry my 14 yo daughter", "выдают замуж ... 14 лет"
  ["risk.marries", "risk.ages", 5],
  // pills near saving them up or taking them all: "I have been saving my sleeping pills", "накопила таблетки"
  ["risk.pills", "risk.hoards", 4],
] as const;

/**
 * One lists object per language and texts version, so that its matcher is found at once on every message. The
 * engine's texts are live (a publish swaps what is behind them), and a version hands out the same arrays every
 * time: a new `risk.words` array is a new version, whose lists are read again.
 */
const byWords = new WeakMap<readonly string[], RiskWords>();
export function riskWords(texts: Texts, language: string): RiskWords {
  const list = (key: string) => texts.words(language, key);
  const words = list("risk.words");
  let lists = byWords.get(words);
  if (!lists) {
    lists = {
      words,
      not: list("risk.not"),
      near: CONCEPT_PAIRS.map(([a, b, within]) => [list(a), list(b), within] as const),
      idioms: list("risk.idioms"),
      hints: list("risk.hints"),
    };
    byWords.set(words, lists);
  }
  return lists;
}

/** The person's language's lists and the default language's, as reply words are read. */
export function riskWordLists(texts: Texts, language: string, defaultLanguage: string): RiskWords[] {
  const own = riskWords(texts, language);
  return language === defaultLanguage ? [own] : [own, riskWords(texts, defaultLanguage)];
}

/** Which lists (their indexes) name a risk in a message, and which only hint at one (no list naming a risk). */
export interface RiskReading {
  risk: number[];
  hint: number[];
}

/**
 * What the lists find in the message: the message is read once, and every list's everyday phrases count
 * against every list's words ("exploitation agricole" in the French list cancels "exploitation" in the
 * English one, which a French speaker's message meets too). Hints count only when no list names a risk.
 */
export function readRisk(text: string, lists: readonly RiskWords[]): RiskReading {
  const message = riskText(text);
  const read = lists.map((l) => riskList(l).read(message));
  if (read.every((r) => r.risks.length === 0 && r.hints.length === 0)) return NOTHING;
  const covers = read.flatMap((r) => r.covers);
  const risk = read.flatMap((r, i) => (uncovered(r.risks, covers).length > 0 ? [i] : []));
  if (risk.length > 0) return { risk, hint: [] };
  return { risk, hint: read.flatMap((r, i) => (uncovered(r.hints, covers).length > 0 ? [i] : [])) };
}
const NOTHING: RiskReading = { risk: [], hint: [] };

/** Which of the lists name a risk in the message (their indexes). */
export function listsWithRisk(text: string, lists: readonly RiskWords[]): number[] {
  return readRisk(text, lists).risk;
}

/** Whether any of the lists (say the person's language's and the default's) names a risk. */
export function hasRiskWords(text: string, lists: readonly RiskWords[]): boolean {
  return listsWithRisk(text, lists).length > 0;
}

/** A message read once for risk words: a new person's message is checked against every language's list. */
export interface RiskText {
  words: string[];
  /** each word's spellings one letter shorter (words long enough to be misspelt by one letter) */
  shorter: string[][];
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
  const shorter = words.map((w) => (w.length >= LONG - 1 && TYPO_SCRIPT.test(w) ? oneShorter(w) : NO_WORDS));
  return { words, shorter, unspaced: words.join(""), starts };
}

/**
 * Words this long or longer, in Latin or Cyrillic letters, match a spelling one letter off inside the word
 * (dropped, added, two neighbours swapped, or in words of LONG_CHANGED letters changed): "traficked",
 * "threatned", "изнасиловли". Not in its
 * first letter or last two, where these languages inflect ("vendu"/"vendue", "забрали"/"забрати"), and not in
 * Arabic or Ethiopic script, where one letter is often the person or tense ("ضربتني" the sun, "ضربوني" they).
 */
const LONG = 6;
// a changed letter makes another word more often than a dropped or doubled one ("bikirim" I buy, "bimirim" I die)
const LONG_CHANGED = 8;
const TYPO_SCRIPT = /^[\p{Script=Latin}\p{Script=Cyrillic}]+$/u;
const NO_WORDS: string[] = [];

function oneShorter(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function oneTypoApart(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (a === b || Math.abs(a.length - b.length) > 1 || shorter < LONG - 1) return false;
  let p = 0;
  while (p < shorter && a[p] === b[p]) p++;
  let q = 0;
  while (q < shorter - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  if (p < 1 || q < 2) return false;
  if (a.length !== b.length) return p + q === shorter;
  return (
    (p + q === a.length - 1 && a.length >= LONG_CHANGED) ||
    (p + q === a.length - 2 && a[p] === b[p + 1] && a[p + 1] === b[p])
  );
}

/** A message word is an entry's word: the same, a prefix's ending, or (long words) one letter off. */
function matches(word: string, wanted: string): boolean {
  const star = wanted.indexOf("*");
  if (star >= 0)
    return (
      word.length >= wanted.length - 1 &&
      word.startsWith(wanted.slice(0, star)) &&
      word.endsWith(wanted.slice(star + 1))
    );
  return word === wanted || (wanted.length >= LONG && oneTypoApart(word, wanted) && TYPO_SCRIPT.test(wanted));
}

/** `list`: which of the matcher's lists the entry comes from */
type Entry = { text: string; order: number; list: number; wanted: string[]; head: string };
/** where an entry was met: characters [start, end) of the unspaced text, words [first, last] */
type Hit = { entry: Entry; start: number; end: number; first: number; last: number };

/**
 * Entries of several lists indexed together, so that a message costs a lookup or two per word, however
 * long and many the lists (a language's risk words, everyday phrases and concepts are read in one pass):
 * whole first words by the word, `word*` prefixes and Burmese entries (looked for anywhere, Burmese puts no spaces
 * between words) by their first two letters, then checked whole.
 */
class Matcher {
  private readonly exact = new Map<string, Entry[]>();
  /** long first words by each of their spellings one letter shorter: a misspelling finds them in a lookup or two */
  private readonly shorter = new Map<string, Entry[]>();
  private readonly prefixes = new Map<string, Entry[]>();
  private readonly unspaced = new Map<string, Entry[]>();

  constructor(lists: readonly (readonly string[])[]) {
    const add = (index: Map<string, Entry[]>, key: string, entry: Entry) =>
      index.set(key, [...(index.get(key) ?? []), entry]);
    lists.forEach((entries, list) => {
      entries.forEach((text, order) => {
        const wanted = tokens(text, true);
        if (UNSPACED_SCRIPT.test(text)) {
          const head = wanted.join("").replaceAll("*", "");
          add(this.unspaced, head.slice(0, 2), { text, order, list, wanted: [head], head });
          return;
        }
        const first = wanted[0];
        if (first === undefined) return;
        if (!first.includes("*")) {
          const entry = { text, order, list, wanted, head: first };
          if (first.length >= LONG && TYPO_SCRIPT.test(first))
            for (const s of oneShorter(first)) add(this.shorter, s, entry);
          add(this.exact, first, entry);
          return;
        }
        const head = first.slice(0, first.indexOf("*"));
        add(this.prefixes, head.slice(0, 2), { text, order, list, wanted, head });
      });
    });
  }

  hits({ words, shorter, unspaced, starts }: RiskText): Hit[] {
    const hits: Hit[] = [];
    // plain loops, no closures: this runs on every new person's message against 17 lists
    for (let at = 0; this.unspaced.size > 0 && at < unspaced.length; at++) {
      for (const entry of filed(this.unspaced, unspaced, at)) {
        if (!unspaced.startsWith(entry.head, at)) continue;
        const end = at + entry.head.length;
        hits.push({ entry, start: at, end, first: wordAt(starts, at), last: wordAt(starts, end - 1) });
      }
    }
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      for (const entry of this.exact.get(word) ?? NO_ENTRIES) pushIfFollows(hits, entry, words, starts, i);
      if (this.shorter.size > 0 && shorter[i]!.length > 0) this.pushMisspelt(hits, words, shorter[i]!, starts, i);
      for (const entry of filed(this.prefixes, word, 0))
        if (matches(word, entry.wanted[0]!)) pushIfFollows(hits, entry, words, starts, i);
    }
    return hits;
  }

  /** Long first words one letter off the message's word: it has a letter more, one less, or one changed or swapped. */
  private pushMisspelt(hits: Hit[], words: string[], shorter: string[], starts: number[], i: number): void {
    const word = words[i]!;
    const found: Entry[] = [];
    collectTypos(found, this.shorter.get(word), word);
    for (const s of shorter) {
      collectTypos(found, this.exact.get(s), word);
      collectTypos(found, this.shorter.get(s), word);
    }
    for (const entry of found) pushIfFollows(hits, entry, words, starts, i);
  }
}

/** The candidates really one typo from the word, each once. */
function collectTypos(found: Entry[], candidates: Entry[] | undefined, word: string): void {
  if (!candidates) return;
  for (const entry of candidates) if (!found.includes(entry) && oneTypoApart(word, entry.head)) found.push(entry);
}

const NO_ENTRIES: Entry[] = [];

/** The word whose letters hold character `at` of the unspaced text. */
function wordAt(starts: number[], at: number): number {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1]! <= at) i++;
  return i;
}

/**
 * The entries filed under the text's letters at `at` (a one-letter
 * head is filed under that letter: both beginnings count).
 */
function filed(index: Map<string, Entry[]>, text: string, at: number): Entry[] {
  const two = index.get(text.slice(at, at + 2));
  const one = at + 1 < text.length ? index.get(text[at]!) : undefined;
  return one ? [...(two ?? NO_ENTRIES), ...one] : (two ?? NO_ENTRIES);
}

/** The entry whose first word is the message's word `i` is a hit if its other words follow. */
function pushIfFollows(hits: Hit[], entry: Entry, words: string[], starts: number[], i: number): void {
  if (!follows(entry, words, i)) return;
  const last = i + entry.wanted.length - 1;
  hits.push({ entry, start: starts[i]!, end: starts[last]! + words[last]!.length, first: i, last });
}

/** What one list finds in a message: its risks and hints, and the everyday phrases that cancel what they cover. */
interface Reading {
  risks: readonly Hit[];
  hints: readonly Hit[];
  covers: readonly Hit[];
}
const NO_HITS: Reading = { risks: [], hints: [], covers: [] };

/**
 * At most this many words between a pair's concepts: "he [always] hits me", "burned [my] son", "going to [just] die".
 */
const NEAR = 2;

/**
 * A language's list made ready once: its risk entries and
 * concepts, and the everyday phrases that cancel what they cover.
 */
class RiskList {
  private readonly matcher: Matcher;
  private readonly pairs: number;
  /** each pair's most words between its two concepts */
  private readonly within: number[];

  constructor(lists: RiskWords) {
    const near = lists.near ?? [];
    // one pass over the message: lists 0 the risk words, 1 the everyday
    // phrases, 2 the idioms' things, 3 the hints, then each pair's two
    this.matcher = new Matcher(levels(lists));
    this.pairs = near.length;
    this.within = near.map(([, , within]) => within ?? NEAR);
  }

  /**
   * The risk entries met, and each concept met near one of its pair's (as itself: an everyday phrase
   * covering it cancels it); the hints met; and the everyday phrases met.
   */
  read(message: RiskText): Reading {
    const hits = this.matcher.hits(message);
    // most messages meet nothing: every language's lists read every new person's message
    if (hits.length === 0) return NO_HITS;
    const byList: Hit[][] = [];
    for (let l = 0; l < PAIRS_FROM + 2 * this.pairs; l++) byList.push([]);
    for (const hit of hits) byList[hit.entry.list]!.push(hit);
    const risks = byList[0]!;
    for (let p = 0; p < this.pairs; p++) {
      const others = byList[PAIRS_FROM + 1 + 2 * p]!;
      const within = this.within[p]!;
      if (others.length > 0)
        for (const act of byList[PAIRS_FROM + 2 * p]!) if (others.some((o) => near(act, o, within))) risks.push(act);
    }
    const things = byList[2]!;
    const notIdiom = (hits: Hit[]) =>
      things.length > 0 ? hits.filter((r) => !things.some((t) => t.start < r.start && near(t, r))) : hits;
    return { risks: notIdiom(risks), hints: notIdiom(byList[3]!), covers: byList[1]! };
  }

  find(message: RiskText): string[] {
    const { risks, covers } = this.read(message);
    const found = new Set(uncovered(risks, covers).map((h) => h.entry));
    // an entry met as a risk word and as a concept is named once
    return [...new Set([...found].sort((a, b) => a.order - b.order).map((e) => e.text))];
  }
}

/** Two hits that do not overlap, with at most `within` words between them (a Burmese "word" is a run of several). */
function near(a: Hit, b: Hit, within = NEAR): boolean {
  const [x, y] = a.start <= b.start ? [a, b] : [b, a];
  return x.end <= y.start && y.first - x.last - 1 <= within;
}

/** The hits no everyday phrase covers whole. */
function uncovered(hits: readonly Hit[], covers: readonly Hit[]): Hit[] {
  return hits.filter((h) => !covers.some((c) => c.start <= h.start && h.end <= c.end));
}

/**
 * The entry's words after its first (already met at `i`) are the message's next words; there, where the
 * phrase's first words already tell what it is, two neighbour letters swapped after the first also count in
 * short words ("end my lfie"): a swap is the commonest slip of fast thumbs.
 */
function follows(e: Entry, words: string[], i: number): boolean {
  for (let j = 1; j < e.wanted.length; j++) {
    if (i + j >= words.length) return false;
    const word = words[i + j]!;
    const wanted = e.wanted[j]!;
    if (!matches(word, wanted) && !swappedPair(word, wanted)) return false;
  }
  return true;
}

/** Two neighbour letters swapped, not the first: "lfie" for "life" (Latin or Cyrillic words of 4 letters or more). */
function swappedPair(word: string, wanted: string): boolean {
  if (word.length !== wanted.length || word.length < 4 || word === wanted || !TYPO_SCRIPT.test(wanted)) return false;
  let p = 1;
  if (word[0] !== wanted[0]) return false;
  while (p < word.length && word[p] === wanted[p]) p++;
  return (
    p + 1 < word.length &&
    word[p] === wanted[p + 1] &&
    word[p + 1] === wanted[p] &&
    word.slice(p + 2) === wanted.slice(p + 2)
  );
}

const NONE: readonly string[] = [];
/** where the concept pairs' lists start among a matcher's lists (after words, not, idioms, hints) */
const PAIRS_FROM = 4;
/** The lists a matcher reads, in their order: words, not, idioms, hints, then each pair's two. */
function levels(words: RiskWords): (readonly string[])[] {
  // biome-ignore lint/complexity/noFlatMapIdentity: not identity, a pair's third element (its distance) is left out
  const pairs = (words.near ?? []).flatMap(([a, b]) => [a, b]);
  return [words.words, words.not, words.idioms ?? NONE, words.hints ?? NONE, ...pairs];
}
// the lists come from the locale texts, which hand out the same arrays every time: each set is made ready once
const lists = new WeakMap<readonly string[], unknown>();
const byLists = new WeakMap<RiskWords, RiskList>();
const END: readonly string[] = [];
function riskList(words: RiskWords): RiskList {
  // the same lists object again (a new person's 17, read for every message) is found at once
  const known = byLists.get(words);
  if (known) return known;
  // ends with END, so that a shorter set of lists (no concepts) never meets a longer one's next level
  const keys = [...levels(words), END];
  let level = lists;
  for (const key of keys.slice(0, -1)) {
    let next = level.get(key) as typeof lists | undefined;
    if (!next) level.set(key, (next = new WeakMap()));
    level = next;
  }
  let list = level.get(keys.at(-1)!) as RiskList | undefined;
  if (!list) level.set(keys.at(-1)!, (list = new RiskList(words)));
  byLists.set(words, list);
  return list;
}

// "ال" and the conjunctions/prepositions glued before it (و, ب, ف, ك, ل): "والعنف" is "عنف"
const ARABIC_ARTICLE = /^(?:[وفبكل]?ال|لل)(?=\p{L}{2})/u;

const UNSPACED_SCRIPT = /[\u1000-\u109f]/u;

function tokens(text: string, keepStar = false): string[] {
  const decomposed = text
    .normalize("NFKD")
    // Latin accents and (in the fold) Arabic harakat only: in
    // Bengali or Burmese the marks are vowels that tell words apart
    .replace(/[\u0300-\u036f]/gu, "");
  const cleaned = foldCase(foldArabicScript(decomposed));
  return cleaned
    .split(keepStar ? /[^\p{L}\p{M}\p{N}*]+/u : /[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) =>
      w
        .replace(ARABIC_ARTICLE, "")
        .replace(ARABIC_RUN, "$1")
        .replace(MIXED_CYRILLIC, (word) => word.replace(/[aceiopxy]/gu, (c) => LOOK_ALIKES[c]!)),
    );
}

// a letter typed twice or drawn out in Arabic script is one ("انتحرر", "اموووت"): spelling writes a
// doubled consonant once, with a shadda, so no two words differ by a repeated letter alone
const ARABIC_RUN = /(\p{Script=Arabic})\1+/gu;

// a Latin letter typed inside a Cyrillic word (a keyboard switched
// mid-word, "покiнчiти") is the Cyrillic one it looks like
const MIXED_CYRILLIC = /^(?=.*\p{Script=Cyrillic})(?=.*[aceiopxy]).*$/u;
const LOOK_ALIKES: Record<string, string> = { a: "а", c: "с", e: "е", i: "і", o: "о", p: "р", x: "х", y: "у" };
