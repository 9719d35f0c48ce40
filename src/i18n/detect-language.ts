import { francAll } from "franc";

/**
 * Language of a short message, by the strategy measured on 170 short messages (see README):
 * script first, then letters only one candidate uses, then franc among the candidates with a clear
 * margin on 2+ words; otherwise we ask. Asking costs one message; guessing wrong loses the person.
 */
export type Detection = { ok: true; language: string } | { ok: false; candidates: string[] };

const SCRIPTS: [RegExp, string[]][] = [
  [/\p{Script=Ethiopic}/u, ["am", "ti"]],
  [/\p{Script=Cyrillic}/u, ["uk", "ru"]],
  [/\p{Script=Arabic}/u, ["ar", "fa", "ps", "ur"]],
  [/\p{Script=Myanmar}/u, ["my"]],
  [/\p{Script=Bengali}/u, ["bn"]],
  [/\p{Script=Latin}/u, ["en", "fr", "es", "so", "sw", "tr", "ku"]],
];

/** Letters that, among the candidates left by the script, point at one language. */
const MARKERS: Record<string, RegExp> = {
  ps: /[ټځڅډړږښګڼۍې]/u,
  ur: /[ٹڈڑںھہے]/u,
  fa: /[پچژگ]/u,
  uk: /[іїєґ]/iu,
  ru: /[ыэъё]/iu,
  tr: /[ığİ]/u,
  es: /[ñ¿¡]/iu,
  fr: /[èêàçœùâîôûëï]/iu,
  ku: /[êîûşç]/iu,
  ti: /[ኣቐ-ቖኸ-ዀ]/u,
};

/** franc's ISO 639-3 codes for our locale codes (Dari is scored as Farsi too). */
const FRANC: Record<string, string[]> = {
  en: ["eng"], fr: ["fra"], ar: ["arb"], fa: ["pes", "prs"], ps: ["pbt"], ur: ["urd"], uk: ["ukr"], ru: ["rus"],
  es: ["spa"], so: ["som"], am: ["amh"], ti: ["tir"], sw: ["swh"], bn: ["ben"], my: ["mya"], tr: ["tur"], ku: ["kmr"],
};

/** franc's second-best score (best = 1) must stay below this to count as a clear margin. */
export const FRANC_MARGIN = 0.85;

export function detectLanguage(text: string, locales: readonly string[]): Detection {
  const letters = text.replace(/[\p{N}\p{P}\p{S}]/gu, " ").trim();
  if (!letters) return { ok: false, candidates: [...locales] };
  const byScript = SCRIPTS.find(([re]) => re.test(letters));
  const candidates = (byScript ? byScript[1] : []).filter((l) => locales.includes(l));
  if (candidates.length === 0) return { ok: false, candidates: [...locales] };
  if (candidates.length === 1) return { ok: true, language: candidates[0]! };

  const marked = candidates.filter((l) => MARKERS[l]?.test(letters));
  if (marked.length === 1) return { ok: true, language: marked[0]! };

  const words = letters.split(/\s+/u).filter((w) => w.length > 1);
  if (words.length < 2) return { ok: false, candidates }; // a greeting or one word says too little
  const only = candidates.flatMap((l) => FRANC[l] ?? []);
  const scores = francAll(letters, { only, minLength: 1 });
  const [best, second] = scores;
  if (!best || best[0] === "und" || (second && second[1] >= FRANC_MARGIN)) return { ok: false, candidates };
  const language = candidates.find((l) => FRANC[l]?.includes(best[0]));
  return language ? { ok: true, language } : { ok: false, candidates };
}
