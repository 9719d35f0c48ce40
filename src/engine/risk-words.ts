/**
 * Protection-risk words (violence, abuse, trafficking, self-harm, suicide) in a message. Lists live in
 * locales/<lng>/risk.json; an entry is one or more words, and a word ending in `*` matches any ending
 * ("abus*" finds "abused", "abusive"). Both sides are normalised, so accents, Arabic diacritics,
 * hamza forms and the article "ال" glued to a word do not hide a match.
 */
export function findRiskWords(text: string, entries: readonly string[]): string[] {
  const words = tokens(text);
  if (words.length === 0) return [];
  const unspaced = words.join("");
  return entries.filter((entry) => {
    // Burmese puts no spaces between words: its entries are looked for anywhere in the text
    const wanted = entryTokens(entry);
    if (UNSPACED_SCRIPT.test(entry)) return unspaced.includes(wanted.join("").replaceAll("*", ""));
    if (wanted.length === 0) return false;
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (wanted.every((w, j) => matches(words[i + j]!, w))) return true;
    }
    return false;
  });
}

function matches(word: string, wanted: string): boolean {
  return wanted.endsWith("*") ? word.startsWith(wanted.slice(0, -1)) : word === wanted;
}

// "ال" and the conjunctions/prepositions glued before it (و, ب, ف, ك, ل): "والعنف" is "عنف"
const ARABIC_ARTICLE = /^(?:[وفبكل]?ال|لل)(?=\p{L}{2})/u;

const UNSPACED_SCRIPT = /[\u1000-\u109f]/u;

// every message of a new person is checked against every language's list: each entry is normalised once
const entryCache = new Map<string, string[]>();
function entryTokens(entry: string): string[] {
  let found = entryCache.get(entry);
  if (!found) entryCache.set(entry, (found = tokens(entry, true)));
  return found;
}

function tokens(text: string, keepStar = false): string[] {
  const cleaned = text
    .normalize("NFKD")
    // Latin accents and Arabic harakat only: in Bengali or Burmese the marks are vowels that tell words apart
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/gu, "")
    .replace(/\u0640/g, "") // tatweel
    .replace(/[أإآٱ]/g, "ا")
    .replace(/[ىی]/g, "ي") // Persian and Arabic keyboards write yeh and kaf differently
    .replace(/ک/g, "ك")
    .replace(/ة/g, "ه")
    .toLocaleLowerCase();
  return cleaned
    .split(keepStar ? /[^\p{L}\p{M}\p{N}*]+/u : /[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(ARABIC_ARTICLE, ""));
}
