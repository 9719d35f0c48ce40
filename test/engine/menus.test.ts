import { parseAnswer } from "../../src/engine/answers.ts";
import { menuLine, normalizeReply } from "../../src/engine/index.ts";

const yesNo = { type: "choice" as const, options: [{ value: "yes", label: "common.yes" }, { value: "no", label: "common.no" }] };
const five = { type: "choice" as const, options: ["a", "b", "c", "d", "e"].map((value) => ({ value, label: `x.${value}` })) };
const persian = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده"];
const english = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const words = (optionWords: string[][] = []) => ({ optionWords: (i: number) => optionWords[i] ?? [], numberWords: () => [persian, english] });
const reply = (text: string) => ({ text, media: [] });

describe("menu replies", () => {
  test("number words of the person's language and of English pick an option", () => {
    expect(parseAnswer(five, reply("سه"), words())).toMatchObject({ ok: true, value: "c" });
    expect(parseAnswer(five, reply("Five!"), words())).toMatchObject({ ok: true, value: "e" });
    expect(parseAnswer(five, reply("ده"), words())).toEqual({ ok: false, reason: "not_an_option" });
  });

  test("an option's own words come before number words: Farsi نه is 'no' in a yes/no question", () => {
    expect(parseAnswer(yesNo, reply("نه"), words([["بله"], ["نه", "نخیر"]]))).toMatchObject({ ok: true, value: "no" });
    expect(parseAnswer(five, reply("نه"), words())).toEqual({ ok: false, reason: "not_an_option" }); // nine: no such option
  });

  test("ASCII, Arabic-Indic and Persian digits all count", () => {
    for (const d of ["2", "٢", "۲", " ۲ ."]) expect(parseAnswer(five, reply(d), words())).toMatchObject({ ok: true, value: "b" });
  });

  test("Arabic-script keyboard variants fold together: Arabic yeh/kaf, hamza, short vowels, tatweel", () => {
    expect(normalizeReply("بلي")).toBe(normalizeReply("بلی"));
    expect(normalizeReply("كمك")).toBe(normalizeReply("کمک"));
    expect(normalizeReply("ابدأ")).toBe(normalizeReply("ابدا"));
    expect(normalizeReply("نَعَم")).toBe(normalizeReply("نعم"));
    expect(normalizeReply("قـائـمة")).toBe(normalizeReply("قائمة"));
  });
});

describe("menu lines", () => {
  test("left-to-right languages get plain numbered lines", () => {
    expect(menuLine(3, "Find help", false)).toBe("3. Find help");
  });

  test("right-to-left languages wrap the number in right-to-left marks", () => {
    expect(menuLine(12, "English", true)).toBe("\u200f12.\u200f English");
    expect(menuLine(1, "24 ساعت", true)).toBe("\u200f1.\u200f 24 ساعت");
  });
});
