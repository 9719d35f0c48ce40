import { francAll } from "franc";
import { normalizeReply } from "../engine/index.ts";
import type { SecondVoice } from "./second-voice.ts";

/**
 * Language of a short message, by the strategy measured on short messages (see README): script first,
 * then letters and short words that only some candidates use, then franc among the candidates with a clear margin on
 * 2+ words; otherwise we ask. Asking costs one message; guessing wrong loses the person. A greeting or
 * one word never decides, except a language's own name ("Soomaali", "فارسی"): that is the person choosing.
 */
export type Detection =
  | { ok: true; language: string; by: "name" | "script" | "letters" | "words" | "franc" }
  | { ok: false; candidates: string[]; why: "no_letters" | "greeting" | "one_word" | "romanized" | "unclear" };

export type Script = "ethiopic" | "cyrillic" | "arabic" | "myanmar" | "bengali" | "latin";

const SCRIPTS: [RegExp, Script, string[]][] = [
  [/\p{Script=Ethiopic}/u, "ethiopic", ["am", "ti"]],
  [/\p{Script=Cyrillic}/u, "cyrillic", ["uk", "ru"]],
  [/\p{Script=Arabic}/u, "arabic", ["ar", "fa", "ps", "ur"]],
  [/\p{Script=Myanmar}/u, "myanmar", ["my"]],
  [/\p{Script=Bengali}/u, "bengali", ["bn"]],
  [/\p{Script=Latin}/u, "latin", ["en", "fr", "es", "so", "sw", "tr", "ku"]],
];

/**
 * Words of Arabic, Urdu/Hindi and Farsi as people write them in Latin letters ("mujhe wakeel ki zaroorat
 * hai", "ana mesh fahem", "komak mikham"): no Latin-script locale writes them, and franc reads such text
 * as Swahili or Somali. One of them and we ask, offering the Arabic-script languages first. Words a
 * Latin-script locale also writes ("ana" and "hai" are Swahili, "man" English, "ki" Turkish) are left out.
 */
const ROMANIZED = new Set(
  (
    "mujhe mujhay mujhko mera meri mere hain hoon nahi nahin nhi kya kyun kyon kaise kahan chahiye zaroorat zarurat zaroori " +
    "madad wakeel wakil vakil aap apka aapka apki aapki bahut bohat kaam paisa abhi karna karo raha rahi rahe hum humein " +
    "mesh mish msh fahem fahim mafhoum enta inta anta ahlan shukran shokran habibi wallah wallahi inshallah yalla ayez ayza " +
    "3ayez 3ayza bidi biddi wein feen fein lesh leish keef kifak ezayak izzayak mafi mafee mumkin momken 3ndi 3andi " +
    "shway shwaya kteer ktir mish3arif ma3lesh maalesh " +
    "mikham mikhaam mikhahim komak lotfan shoma mamnoon mamnun kheili kheyli khaili chetori chikar mitoonam mitunam " +
    "nemidoonam nemidunam nemifahmam baraye kojast koja bayad hamin khodahafez manana mehrabani"
  ).split(" "),
);

/**
 * Letters and the only candidates that write them. Each letter present narrows the candidates; one left
 * decides. Pashto ټ ځ څ..., Urdu ٹ ڈ ڑ ں ے; پ چ ژ گ and Persian ی ک are not Arabic; Ukrainian і ї є ґ;
 * Russian ы э ъ ё; Turkish ı ğ; Spanish ñ á í ó ú ¿ ¡; French è à œ ù ô; Kurmanji and French ê î û,
 * Kurmanji and Turkish ş; Tigrinya ኣ and the ቐ/ኸ series, Amharic አ.
 */
const LETTERS: [RegExp, string[]][] = [
  [/[ټځڅډړږښګڼۍې]/u, ["ps"]],
  [/[ٹڈڑںھہےۓ]/u, ["ur"]],
  [/[أإة]/u, ["ar", "ur"]],
  [/[پچژگکی]/u, ["fa", "ps", "ur"]],
  [/[іїєґ]/iu, ["uk"]],
  [/[ыэъё]/iu, ["ru"]],
  [/[ığ]|i\u0307/u, ["tr"]], // İ lower-cased is i + a combining dot
  [/[öü]/iu, ["tr", "es"]],
  [/[ñáíóú¿¡]/iu, ["es"]],
  [/[èàœùôëïâ]/iu, ["fr"]],
  [/é/iu, ["fr", "es"]],
  [/[êîû]/iu, ["fr", "ku"]],
  [/ş/iu, ["tr", "ku"]],
  [/ç/iu, ["fr", "tr", "ku"]],
  [/[ኣቐ-ቖኸ-ዀ]/u, ["ti"]],
  [/አ/u, ["am"]], // Tigrinya writes a glottal "a" ኣ, Amharic አ
];

/**
 * Short, frequent words only one candidate of a script writes ("هل" is Arabic, "را" Farsi, "د" Pashto,
 * "что" Russian, "ነው" Amharic, "እዩ" Tigrinya, "je" French...). Words two candidates share are left out
 * ("من" is Arabic "from" and Farsi "I"; "la" is French and Spanish). Hits for one candidate alone decide.
 */
const WORDS: Record<string, string> = oneLanguageEach(
  Object.entries({
    ar: "هل في على عن إلى الى انا أنا اريد أريد احتاج أحتاج هذا هذه ممكن وين شو ليش كيف لي عندي",
    fa: "است هست نیست را برای چطور کجا دارم داریم چه چی هستم کنم",
    ps: "د زما ده دی دي له سره ته کې څه ستا موږ",
    ur: "کے کی میں ہے ہیں کو سے نے کیا مجھے",
    uk: "мені мене що як де коли це потрібна потрібно допомога будь ласка дякую",
    ru: "мне меня что как где когда это нужна нужен нужно помощь пожалуйста спасибо",
    am: "ነው ናቸው ነበር እና ላይ ውስጥ ጋር ምን እንዴት የት አለ አሉ ይህ ግን እፈልጋለሁ",
    ti: "እዩ እዮም እያ ድዩ ኣሎ ኣለዉ ኣብ ናይ ምስ ካብ ናብ እንታይ ብኸመይ ኣበይ የድልየኒ",
    en: "the is my i you where what need can how and with please help me am are have",
    fr: "je j mon mes est pour une le les avec où suis nous vous des du besoin",
    es: "el mi mis con por para necesito dónde donde está es hay los las ayuda",
    so: "waxaan ma iyo ayaan waa ku ka qof caawimaad aan waxa",
    sw: "na ya wa ni kwa yangu wangu nini nahitaji tafadhali msaada",
    tr: "ve bir bu için ne var yok lütfen ben benim yardım",
    ku: "ez min te ji bo li bi û e ye heye dixwazim çi kengê",
  }).flatMap(([lng, words]) => words.split(" ").map((w) => [normalizeReply(w), lng] as const)),
);

/** Word -> language, refusing a word two languages write once folded (Turkish "mı" folds to Spanish "mi"). */
function oneLanguageEach(entries: (readonly [string, string])[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [word, lng] of entries) {
    if (map[word] !== undefined && map[word] !== lng)
      throw new Error(`language word "${word}" is both ${map[word]} and ${lng}`);
    map[word] = lng;
  }
  return map;
}

/** franc's codes for our locales: its Pashto is "pbu", its Latin-script Kurdish "ckb"; Dari is scored as Farsi too. */
const FRANC: Record<string, string[]> = {
  en: ["eng"],
  fr: ["fra"],
  ar: ["arb"],
  fa: ["pes", "prs"],
  ps: ["pbu", "pbt"],
  ur: ["urd"],
  uk: ["ukr"],
  ru: ["rus"],
  es: ["spa"],
  so: ["som"],
  am: ["amh"],
  ti: ["tir"],
  sw: ["swh"],
  bn: ["ben"],
  my: ["mya"],
  tr: ["tur"],
  ku: ["kmr", "ckb"],
};

const FRANC_BLIND = new Set(["am", "ti"]);

/** franc's second-best score (best = 1) must stay below this to count as a clear margin. */
const FRANC_MARGIN = 0.85;

/**
 * Words of greetings across our languages: "salam" is Arabic, Farsi, Pashto, Urdu, Somali, Bengali and
 * Kurdish alike, and "hello" is written by everyone. A message of only these says nothing of the language.
 */
const GREETINGS = new Set(
  (
    "hi hello hey hallo salam salaam salaamu salamu asalam assalam assalamu as alaykum alaikum aleikum alykum wa " +
    "bonjour salut bonsoir hola buenos buenas días dias tardes good morning evening merhaba selam selamün aleyküm " +
    "habari jambo hujambo mambo asc nabad silav roj baş rojbaş " +
    "مرحبا مرحبتين اهلا أهلا سلام السلام عليكم علیکم سلامت هیلو ہیلو " +
    "привет привіт здравствуйте вітаю добрий доброго добрый день ранку утро " +
    "ሰላም ሰላማት হ্যালো আসসালামু আলাইকুম নমস্কার မင်္ဂလာပါ ဟယ်လို"
  )
    .split(" ")
    .map(normalizeReply),
);

export interface DetectOptions {
  /** a language's names as people type them (lower-case), by locale: a name is an explicit choice */
  names?: ReadonlyMap<string, string>;
  /** a second detector that must agree with franc's choice, or we ask */
  secondVoice?: SecondVoice;
}

export function detectLanguage(text: string, locales: readonly string[], opts: DetectOptions = {}): Detection {
  const letters = lettersOf(text);
  const all = [...locales];
  if (!letters) return { ok: false, candidates: all, why: "no_letters" };
  const named = opts.names?.get(letters);
  if (named && locales.includes(named)) return { ok: true, language: named, by: "name" };

  const byScript = SCRIPTS.find(([re]) => re.test(letters));
  const candidates = (byScript ? byScript[2] : []).filter((l) => locales.includes(l));
  if (candidates.length === 0) return { ok: false, candidates: all, why: "unclear" };

  const words = wordsOf(letters);
  if (byScript?.[1] === "latin" && words.some((w) => ROMANIZED.has(w)))
    return { ok: false, candidates: all, why: "romanized" };
  if (words.every((w) => GREETINGS.has(w))) return { ok: false, candidates, why: "greeting" };
  if (words.length < 2) return { ok: false, candidates, why: "one_word" };
  if (candidates.length === 1) return { ok: true, language: candidates[0]!, by: "script" };
  const { secondVoice } = opts;
  return decide(letters, words, candidates, FRANC_MARGIN, secondVoice && ((language) => secondVoice(text, language)));
}

/**
 * The script a message is written in, for the language list to offer its languages first: Arabic,
 * Urdu or Farsi in Latin letters counts as Arabic script (the person reads it, or one of its languages).
 */
export function scriptOf(text: string): Script | undefined {
  const letters = lettersOf(text);
  const script = SCRIPTS.find(([re]) => re.test(letters))?.[1];
  return script === "latin" && wordsOf(letters).some((w) => ROMANIZED.has(w)) ? "arabic" : script;
}

/**
 * The detector's best guess among candidates the caller already knows fit the message (its risk words
 * matched in each of them): the same letters, words and franc, but one word is enough and franc's best
 * counts without a clear margin. For when a guess beats the default language, which writes another script.
 */
export function guessLanguage(text: string, candidates: readonly string[]): string | undefined {
  const letters = lettersOf(text);
  if (!letters) return undefined;
  if (candidates.length <= 1) return candidates[0];
  const d = decide(letters, wordsOf(letters), [...candidates], Infinity);
  return d.ok ? d.language : undefined;
}

// digits and signs say nothing of the language (a case number, a price, a smiley)
function lettersOf(text: string): string {
  // lower case as on any server (not the host locale's rules), keeping ı: a Turkish letter the rules below read
  return text
    .replace(/[\p{N}\p{P}\p{S}]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();
}

// Arabic-keyboard spellings of Farsi words (براي for برای) meet the lists: both sides folded alike
function wordsOf(letters: string): string[] {
  return letters.split(" ").map(normalizeReply);
}

/**
 * Letters, then words only one candidate writes, then franc (its rival's score must stay below `margin`,
 * and `agrees`, when given, must name the same language).
 */
function decide(
  letters: string,
  words: string[],
  candidates: string[],
  margin: number,
  agrees?: (language: string) => boolean,
): Detection {
  for (const [re, only] of LETTERS) {
    if (!re.test(letters)) continue;
    const narrowed = candidates.filter((l) => only.includes(l));
    if (narrowed.length > 0) candidates = narrowed; // letters that contradict each other are typos: ignore them
  }
  if (candidates.length === 1) return { ok: true, language: candidates[0]!, by: "letters" };

  const hits = new Set(words.map((w) => WORDS[w]).filter((l) => l !== undefined && candidates.includes(l)));
  if (hits.size === 1) return { ok: true, language: [...hits][0]!, by: "words" };

  // measured: franc scores short Amharic as Tigrinya (Amharic often 0); between those two only letters and words decide
  if (candidates.every((l) => FRANC_BLIND.has(l))) return { ok: false, candidates, why: "unclear" };
  const only = candidates.flatMap((l) => FRANC[l] ?? []);
  const [best, second] = francAll(letters, { only, minLength: 1 });
  const language = best && candidates.find((l) => FRANC[l]?.includes(best[0]));
  // Farsi and Dari are both "fa": their two scores are one language, not a close call
  const rival = second && candidates.find((l) => FRANC[l]?.includes(second[0])) !== language ? second[1] : 0;
  if (!language || best[1] <= 0 || rival >= margin || (agrees && !agrees(language)))
    return { ok: false, candidates, why: "unclear" };
  return { ok: true, language, by: "franc" };
}
