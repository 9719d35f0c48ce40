import { numberedText } from "../../src/channels/numbered-menu.ts";
import { newState } from "../../src/engine/index.ts";
import { renderPrompt } from "../../src/engine/nodes/ask.ts";
import { Turn } from "../../src/engine/turn.ts";
import { SERVICES } from "../../src/domain/services.ts";
import { bundledFlows, engineContext } from "../support/transcript.ts";

// GSM 03.38: the basic set costs one septet, the extension set two; anything else makes the SMS UCS-2.
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** At most three concatenated segments: 3 × 153 GSM-7 septets, or 3 × 67 UCS-2 code units. */
function smsCost(text: string): { encoding: "GSM-7" | "UCS-2"; length: number; limit: number } {
  const chars = [...text];
  if (chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c))) {
    return { encoding: "GSM-7", length: chars.reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0), limit: 459 };
  }
  return { encoding: "UCS-2", length: text.length, limit: 201 };
}

/** Every message these journeys can send on SMS: says, questions with their options, and retries. */
function smsMessages(flowId: string, language: string, vars: Record<string, string>): [string, string][] {
  const flow = bundledFlows.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  const state = newState(language);
  const turn = new Turn(engineContext("sms"), { ...state, session: { ...state.session, vars } }, undefined);
  const out: [string, string][] = [];
  for (const node of flow.nodes.values()) {
    if (node.type === "say")
      for (const key of typeof node.text === "string" ? [node.text] : node.text)
        out.push([`${node.id}`, turn.text(key)]);
    if (node.type === "ask") {
      const prompt = numberedText(renderPrompt(node, turn));
      out.push([node.id, prompt]);
      out.push([`${node.id} (retry)`, `${turn.text(node.retry_text ?? "engine.retry")}\n${prompt}`]);
    }
  }
  return out;
}

describe.each(["en", "ar", "fr"])(
  "on SMS in %s, each message of the rights and needs journeys fits in three segments",
  (language) => {
    test.each(["rights", "report_need"])("%s", (flowId) => {
      const categories = flowId === "report_need" ? SERVICES : ["legal"];
      const messages = new Map(
        categories.flatMap((category) =>
          smsMessages(flowId, language, { need_category: category, need_reference: "N-7K3P9" }).map(([where, text]) => [
            text,
            where,
          ]),
        ),
      );
      const tooLong = [...messages]
        .map(([text, where]) => ({ where, ...smsCost(text) }))
        .filter((m) => m.length > m.limit);
      expect(tooLong).toEqual([]);
    });
  },
);

test("the counting knows GSM-7 from UCS-2", () => {
  expect(smsCost("Répondez à l'école")).toMatchObject({ encoding: "GSM-7", length: 18 });
  expect(smsCost("Vous êtes [ici]")).toMatchObject({ encoding: "UCS-2", length: 15 });
  expect(smsCost("a€")).toMatchObject({ encoding: "GSM-7", length: 3 });
});

test("Arabic and French have every text of the rights, needs and areas files (no silent English)", async () => {
  const { readLocales } = await import("../../src/i18n/texts.ts");
  const locales = readLocales("locales");
  const keys = (o: unknown, prefix = ""): string[] =>
    typeof o === "object" && o !== null && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1).replace(/_sms$/, "")];
  for (const section of ["rights", "needs", "areas"]) {
    const english = new Set(keys(locales.en?.[section], `${section}.`));
    for (const language of ["ar", "fr"])
      expect(new Set(keys(locales[language]?.[section], `${section}.`))).toEqual(english);
  }
});

describe("wording faults that a translation can bring back", () => {
  /** every text of a language by its key, `_sms` variants as keys of their own */
  const textsOf = async (language: string): Promise<Map<string, string>> => {
    const { readLocales } = await import("../../src/i18n/texts.ts");
    const { flattenKeys } = await import("../../src/i18n/locale-check.ts");
    const leaves = flattenKeys(readLocales("locales")[language]);
    return new Map([...leaves].filter((e): e is [string, string] => typeof e[1] === "string"));
  };
  const LANGUAGES = [
    "am",
    "ar",
    "bn",
    "en",
    "es",
    "fa",
    "fr",
    "ku",
    "my",
    "ps",
    "ru",
    "so",
    "sw",
    "ti",
    "tr",
    "uk",
    "ur",
  ];

  test("a text that tells the person to send MENU names MENU in every language, as every other text does", async () => {
    const english = await textsOf("en");
    // a language's SMS variant stands for English's own, or for English's text where English has none
    const namesMenu = (key: string) => /\bMENU\b/.test(english.get(key) ?? english.get(key.replace(/_sms$/, "")) ?? "");
    for (const language of LANGUAGES) {
      const without = [...(await textsOf(language))]
        .filter(([key, text]) => namesMenu(key) && !/\bMENU\b/.test(text))
        .map(([key]) => key);
      expect({ language, without }).toEqual({ language, without: [] });
    }
  });

  // the person may never have seen the menu: a journey's question failed, not the menu
  const AGAIN: Record<string, RegExp> = {
    am: /እንደገና/,
    ar: /مرة أخرى/,
    bn: /আবার/,
    en: /again/i,
    es: /otra vez|de nuevo/,
    fa: /دوباره/,
    fr: /à nouveau|encore/,
    ku: /dîsa/,
    my: /ထပ်/,
    ps: /بیا/,
    ru: /ещё раз|снова/,
    so: /mar kale/,
    sw: /tena/,
    ti: /ብሓድሽ/,
    tr: /yeniden|tekrar/,
    uk: /ще раз|знову/,
    ur: /دوبارہ/,
  };
  test.each(LANGUAGES)("%s: the give-up message shows the menu without 'again'", async (language) => {
    expect((await textsOf(language)).get("engine.gave_up")).not.toMatch(AGAIN[language]!);
  });

  // erasure keeps counts (statistics), which "only digits" does not say
  const DIGITS: Record<string, RegExp> = {
    ru: /цифр/,
    uk: /цифр/,
    fr: /chiffres/,
    es: /cifras/,
    tr: /sayı/,
    bn: /শুধু সংখ্যা/,
    ar: /أعداد/,
    ps: /شمېرې/,
    ku: /hejmar(an)? /,
    am: /ቁጥሮች/,
    ti: /ቁጽርታት/,
  };
  test.each(Object.keys(DIGITS))("%s: erasure says it keeps statistics, not 'digits'", async (language) => {
    const texts = await textsOf(language);
    for (const key of ["erase.explain", "erase.explain_sms"]) expect(texts.get(key)).not.toMatch(DIGITS[language]!);
  });

  test("plain words for everyone: no inclusive-writing dots, no welcome in one gender, an unaccompanied child is not an only child", async () => {
    for (const language of LANGUAGES) {
      const dotted = [...(await textsOf(language))].filter(([, text]) => /\p{L}·\p{L}/u.test(text)).map(([key]) => key);
      expect({ language, dotted }).toEqual({ language, dotted: [] });
    }
    expect([...(await textsOf("es")).values()].filter((t) => /\bBienvenid[oa]s?\b/.test(t))).toEqual([]);
    const arabic = [...(await textsOf("ar"))].filter(([key]) => key.startsWith("rights.children."));
    expect(arabic.filter(([, text]) => /الوحيد/.test(text))).toEqual([]);
    expect(arabic.some(([, text]) => /غير المصحوب/.test(text))).toBe(true);
  });
});
