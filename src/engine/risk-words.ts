/**
 * Protection-risk words (violence, abuse, trafficking, self-harm, suicide) in a message. Lists live in
 * locales/<lng>/risk.json; an entry is one or more words, and a word ending in `*` matches any ending
 * ("abus*" finds "abused", "abusive"). Both sides are normalised, so accents, Arabic diacritics,
 * hamza forms and the article "ال" glued to a word do not hide a match.
 */
export function findRiskWords(text: string, entries: readonly string[]): string[] {
  const words = tokens(text);
  if (words.length === 0) return [];
  return entries.filter((entry) => {
    const wanted = tokens(entry, true);
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

function tokens(text: string, keepStar = false): string[] {
  const cleaned = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents and Arabic harakat
    .replace(/\u0640/g, "") // tatweel
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .toLocaleLowerCase();
  return cleaned
    .split(keepStar ? /[^\p{L}\p{N}*]+/u : /[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(ARABIC_ARTICLE, ""));
}
