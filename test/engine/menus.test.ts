import { vi } from "vitest";
import { parseAnswer } from "../../src/engine/answers.ts";
import { menuLine, numberedText } from "../../src/channels/numbered-menu.ts";
import { askMessagesFor, normalizeReply } from "../../src/engine/index.ts";
import { onScreen } from "../support/on-screen.ts";
import { SERVICES } from "../../src/domain/services.ts";
import { engineContext } from "../support/transcript.ts";

const yesNo = {
  type: "choice" as const,
  options: [
    { value: "yes", label: "common.yes", listed: true },
    { value: "no", label: "common.no", listed: true },
  ],
};
const five = {
  type: "choice" as const,
  options: ["a", "b", "c", "d", "e"].map((value) => ({ value, label: `x.${value}`, listed: true })),
};
// as locales/fa: "نه" is "no" as well as "nine", so nine has no word
const persian = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "", "ده"];
const english = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const words = (keywords: Record<string, string[]> = {}) => ({
  label: (o: { label: string }) => o.label,
  keywords: (o: { value: string }) => [keywords[o.value] ?? []],
  numberWords: () => [persian, english],
});
const reply = (text: string) => ({ text, media: [] });

describe("menu replies", () => {
  test("number words of the person's language and of English pick an option", () => {
    expect(parseAnswer(five, reply("سه"), words())).toMatchObject({ ok: true, value: "c" });
    expect(parseAnswer(five, reply("Five!"), words())).toMatchObject({ ok: true, value: "e" });
    expect(parseAnswer(five, reply("ده"), words())).toEqual({ ok: false, reason: "not_an_option" });
  });

  test("Farsi نه is 'no' in a yes/no question and never 'nine'; a number left without a word is not picked by an empty reply", () => {
    const ten = {
      type: "choice" as const,
      options: [..."abcdefghij"].map((value) => ({ value, label: `x.${value}`, listed: true })),
    };
    expect(parseAnswer(yesNo, reply("نه"), words({ yes: ["بله"], no: ["نه", "نخیر"] }))).toMatchObject({
      ok: true,
      value: "no",
    });
    expect(parseAnswer(ten, reply("نه"), words())).toEqual({ ok: false, reason: "not_an_option" });
    expect(parseAnswer(ten, reply("ده"), words())).toMatchObject({ ok: true, value: "j" });
    for (const empty of ["", "👍", " ؟ "])
      expect(parseAnswer(ten, reply(empty), words())).toEqual({ ok: false, reason: "not_an_option" });
  });

  test("every language has a number word for each option of the longest menu (the 12 kinds of help); only Farsi's nine is left out", () => {
    const ctx = engineContext("sms");
    const twelve = {
      type: "choice" as const,
      options: SERVICES.map((value) => ({ value, label: `services.${value}`, listed: true })),
    };
    const languages = ctx.texts.languages ?? [];
    expect(languages).toHaveLength(17);
    for (const lng of languages) {
      const list = ctx.texts.words(lng, "numbers.words");
      expect({ lng, count: list.length }).toEqual({ lng, count: SERVICES.length });
      expect({ lng, without: list.flatMap((w, i) => (w ? [] : [i + 1])) }).toEqual({
        lng,
        without: lng === "fa" ? [9] : [],
      });
      const own = { label: () => "", keywords: () => [], numberWords: () => [list] };
      list.forEach((word, i) => {
        if (word) expect(parseAnswer(twelve, reply(word), own)).toMatchObject({ ok: true, value: SERVICES[i] });
      });
    }
  });

  test("an option that is not listed takes no number, yet its words still pick it", () => {
    const paged = {
      type: "choice" as const,
      options: [...five.options.slice(0, 2), { value: "z", label: "x.z", listed: false }, ...five.options.slice(2)],
    };
    const pagedWords = words({ z: ["zulu"] });
    expect(parseAnswer(paged, reply("3"), pagedWords)).toMatchObject({ ok: true, value: "c" });
    expect(parseAnswer(paged, reply("zulu"), pagedWords)).toMatchObject({ ok: true, value: "z" });
    expect(parseAnswer(paged, reply("6"), pagedWords)).toEqual({ ok: false, reason: "not_an_option" });
  });

  test("ASCII, Arabic-Indic and Persian digits all count", () => {
    for (const d of ["2", "٢", "۲", " ۲ ."])
      expect(parseAnswer(five, reply(d), words())).toMatchObject({ ok: true, value: "b" });
  });

  test("emoji presentation and format characters say nothing: keycaps, variation selectors, skin tones, bidi marks", () => {
    // "2️⃣" from a WhatsApp keypad; "\u200f2" copied from the bot's own right-to-left menu line
    for (const d of ["2️⃣", "\u200f2", "2\u200e", "\u061c۲", "2 👍🏽"])
      expect(parseAnswer(five, reply(d), words())).toMatchObject({ ok: true, value: "b" });
    expect(normalizeReply("STOP ✋️")).toBe("stop");
    expect(normalizeReply("yes ✔️")).toBe("yes");
    expect(normalizeReply("❤️ menu 👩\u200d👩\u200d👧")).toBe("menu");
  });

  test("Turkish dotted and dotless i are one letter, and case folds alike on a server in any locale", () => {
    const lower = String.prototype.toLocaleLowerCase;
    for (const host of ["en", "tr"]) {
      // the server's default locale, as the host sets it
      const spy = vi.spyOn(String.prototype, "toLocaleLowerCase").mockImplementation(function (
        this: string,
        locale?: Intl.LocalesArgument,
      ) {
        return lower.call(this, locale ?? host);
      });
      try {
        expect([normalizeReply("DİL"), normalizeReply("SİL"), normalizeReply("I WANT")]).toEqual([
          "dil",
          "sil",
          "i want",
        ]);
        expect(new Set(["HAYIR", "hayır", "hayir", "Hayır"].map(normalizeReply)).size).toBe(1);
        expect(normalizeReply("di\u0307l")).toBe("dil"); // "İ" lower-cased elsewhere keeps a combining dot
      } finally {
        spy.mockRestore();
      }
    }
  });

  test("Arabic-script keyboard variants fold together: Arabic yeh/kaf, hamza, short vowels, tatweel, ta marbuta", () => {
    expect(normalizeReply("بلي")).toBe(normalizeReply("بلی"));
    expect(normalizeReply("كمك")).toBe(normalizeReply("کمک"));
    expect(normalizeReply("ابدأ")).toBe(normalizeReply("ابدا"));
    expect(normalizeReply("نَعَم")).toBe(normalizeReply("نعم"));
    expect(normalizeReply("قـائـمة")).toBe(normalizeReply("قائمة"));
    expect(normalizeReply("مساعده")).toBe(normalizeReply("مساعدة")); // final ta marbuta typed as heh
  });
});

describe("menu lines", () => {
  test("left-to-right lines stay plain, so English menus keep the GSM-7 SMS alphabet", () => {
    expect(menuLine(3, "Find help", false)).toBe("3. Find help");
  });

  test("without a mark, a right-to-left label flips its number to the other side", () => {
    expect(onScreen("2. العربية")).toBe("ةيبرعلا .2");
    expect(onScreen("\u200f12. English")).toBe("English .12");
  });

  test.each(["en", "fr", "ar", "fa", "ps", "ur", "so", "am", "my"])(
    "%s: every number of the main menu and the language list sits on the language's side",
    (lng) => {
      const ctx = engineContext("whatsapp");
      const rtl = ctx.texts.rtl(lng);
      for (const [flow, node] of [
        ["main_menu", "menu"],
        ["language", "pick"],
        ["language", "confirm"],
      ] as const) {
        const ask = ctx.flows.get(flow)?.nodes.get(node);
        if (ask?.type !== "ask") throw new Error(`${flow}/${node} is not a question`);
        const lines = numberedText(askMessagesFor(ctx, lng, ask).prompt)
          .split("\n")
          .slice(1);
        lines.forEach((line, i) => {
          const shown = onScreen(line);
          if (rtl) expect(shown.endsWith(` .${i + 1}`)).toBe(true);
          else expect(shown.startsWith(`${i + 1}. `)).toBe(true);
        });
      }
    },
  );

  test("a label starting with digits or Latin letters does not merge with the number", () => {
    expect(onScreen(menuLine(1, "24 ساعت کمک", true))).toBe("کمک تعاس 24 .1");
    expect(onScreen(menuLine(4, "5 km", true))).toBe("km 5 .4");
  });
});
