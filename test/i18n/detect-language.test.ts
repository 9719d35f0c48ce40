import { detectLanguage, scriptOf } from "../../src/i18n/detect-language.ts";
import { loadSecondVoice } from "../../src/i18n/second-voice.ts";

const ALL = ["en", "ar", "fr", "fa", "ps", "ur", "uk", "ru", "es", "so", "am", "ti", "sw", "bn", "my", "tr", "ku"];
const names = new Map([
  ["soomaali", "so"],
  ["فارسی", "fa"],
  ["русский", "ru"],
]);
const detect = (text: string) => detectLanguage(text, ALL, { names });

test("a greeting says nothing of the language, however it is written", () => {
  for (const g of ["hello", "Salam!", "السلام عليكم", "Assalamu alaikum", "привет", "ሰላም", "buenos días", "Habari"]) {
    expect(detect(g)).toMatchObject({ ok: false, why: "greeting" });
  }
});

test("one word never switches the language, even in a script only one locale writes", () => {
  expect(detect("help")).toMatchObject({
    ok: false,
    why: "one_word",
    candidates: ["en", "fr", "es", "so", "sw", "tr", "ku"],
  });
  expect(detect("সাহায্য")).toMatchObject({ ok: false, why: "one_word", candidates: ["bn"] });
});

test("a language's own name is the person choosing it", () => {
  expect(detect("Soomaali")).toEqual({ ok: true, language: "so", by: "name" });
  expect(detect("فارسی")).toEqual({ ok: true, language: "fa", by: "name" });
  expect(detect("Русский.")).toEqual({ ok: true, language: "ru", by: "name" });
});

test("digits, punctuation and emoji are stripped before anything is guessed", () => {
  expect(detect("48213 !!")).toMatchObject({ ok: false, why: "no_letters" });
  expect(detect("🙏 আমার কেস নম্বর 48213")).toEqual({ ok: true, language: "bn", by: "script" });
});

test("letters only one candidate writes decide", () => {
  expect(detect("زما ښځه ناروغه ده")).toMatchObject({ language: "ps", by: "letters" });
  expect(detect("میرا بچہ بیمار ہے")).toMatchObject({ language: "ur", by: "letters" });
  expect(detect("мені потрібна допомога")).toMatchObject({ language: "uk", by: "letters" });
  expect(detect("мы вчера приехали")).toMatchObject({ language: "ru", by: "letters" });
  expect(detect("ኣብዚ ሓገዝ የድልየኒ")).toMatchObject({ language: "ti", by: "letters" });
  expect(detect("አሁን እርዳታ እፈልጋለሁ")).toMatchObject({ language: "am", by: "letters" });
  expect(detect("mañana tengo cita")).toMatchObject({ language: "es", by: "letters" });
  expect(detect("çocuğum hasta")).toMatchObject({ language: "tr", by: "letters" });
  expect(detect("zarokê min nexweş e")).toMatchObject({ language: "ku", by: "letters" }); // ê: fr or ku; ş: tr or ku
});

test("capitals read the same on any server: Turkish İ and ı are Turkish letters, English I is not", () => {
  for (const locale of ["en-US", "tr-TR"]) {
    const lower = String.prototype.toLocaleLowerCase;
    // as if the host's locale were this one (toLocaleLowerCase() with no argument follows it)
    String.prototype.toLocaleLowerCase = function (this: string, l?: string | string[]) {
      return lower.call(this, l ?? locale);
    };
    try {
      expect(detect("İSTANBUL'DA YARDIM LAZIM")).toMatchObject({ language: "tr", by: "letters" });
      expect(detect("I NEED HELP WITH MY PAPERS")).toMatchObject({ language: "en" });
    } finally {
      String.prototype.toLocaleLowerCase = lower;
    }
  }
});

test("short words only one candidate writes decide when letters do not", () => {
  expect(detect("هل يوجد طعام اليوم")).toMatchObject({ language: "ar", by: "words" });
  expect(detect("je cherche un avocat")).toMatchObject({ language: "fr", by: "words" });
  expect(detect("nahitaji msaada sasa")).toMatchObject({ language: "sw", by: "words" });
  // Farsi typed on an Arabic keyboard (ي for ی): the word lists are folded alike
  expect(detect("دكتر براي بچه")).toMatchObject({ language: "fa", by: "words" });
});

test("franc decides among the candidates only with a clear margin; Amharic and Tigrinya are never left to it", () => {
  expect(detect("where can I find a doctor")).toMatchObject({ ok: true, language: "en" });
  expect(detect("ፖሊስ ስልኬን ወሰደ")).toMatchObject({ ok: false, why: "unclear", candidates: ["am", "ti"] });
});

test("only the locales served are candidates", () => {
  expect(detectLanguage("мені потрібна допомога", ["en", "ru"])).toEqual({ ok: true, language: "ru", by: "script" });
  expect(detectLanguage("مجھے مدد چاہیے", ["en", "fr"])).toMatchObject({
    ok: false,
    why: "unclear",
    candidates: ["en", "fr"],
  });
});

test("Arabic, Urdu and Farsi in Latin letters are asked, never guessed as a Latin-script language", () => {
  for (const text of ["mujhe wakeel ki zaroorat hai", "ana mesh fahem", "salam man komak mikham lotfan"]) {
    expect(detect(text)).toMatchObject({ ok: false, why: "romanized", candidates: ALL });
    expect(scriptOf(text)).toBe("arabic");
  }
  // words a Latin-script locale also writes do not count: Swahili "ana" and "hai" stay Swahili
  expect(detect("ana shida kubwa na hai")).not.toMatchObject({ why: "romanized" });
});

test("the script of a first message, for the language list", () => {
  expect([scriptOf("Привет"), scriptOf("ሰላም"), scriptOf("سلام"), scriptOf("hello"), scriptOf("123")]).toEqual([
    "cyrillic",
    "ethiopic",
    "arabic",
    "latin",
    undefined,
  ]);
});

test("with a second voice, franc's choice stands only when it agrees; otherwise we ask", async () => {
  const secondVoice = await loadSecondVoice();
  // franc reads this Russian as Ukrainian (no letter or word tells them apart); CLD3 does not agree
  const russian = "ночью нашу палатку затопило";
  expect(detect(russian)).toMatchObject({ ok: true, language: "uk", by: "franc" });
  expect(detectLanguage(russian, ALL, { names, secondVoice })).toMatchObject({ ok: false, why: "unclear" });
  // where both agree, nothing changes
  expect(detectLanguage("my son needs a school", ALL, { names, secondVoice })).toMatchObject({
    ok: true,
    language: "en",
  });
}, 60_000); // loading the WebAssembly takes a while on a busy machine
