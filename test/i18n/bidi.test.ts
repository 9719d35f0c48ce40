import { keepLeftToRight, keyVariables, needsMarks } from "../../src/i18n/bidi.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import { onScreen } from "../support/on-screen.ts";

const texts = createTexts(readLocales("locales"), "en");
const RTL = ["ar", "fa", "ps", "ur"];

describe("values inside right-to-left texts keep their own order on screen", () => {
  test.each(RTL)("%s: a partner's phone number reads +30 210 000 0101, on WhatsApp and SMS", (lng) => {
    for (const channel of ["whatsapp", "sms"] as const) {
      const line = texts.t(lng, "find_help.partner.phone", { value: "+30 210 000 0101" }, channel);
      expect(onScreen(line)).toContain("+30 210 000 0101");
    }
  });

  test.each(RTL)("%s: a need's reference and opening hours in English keep their order", (lng) => {
    const saved = texts.t(lng, "needs.saved", { need_category: "legal", need_reference: "N-7K3P9" }, "whatsapp");
    expect(saved).toContain(texts.t(lng, "services.legal", {}, "whatsapp")); // the category still names its text
    expect(onScreen(saved)).toContain("N-7K3P9");
    const hours = texts.t(lng, "find_help.partner.hours", { value: "Mon-Fri 9:00-17:00." }, "whatsapp");
    expect(onScreen(hours)).toContain("Mon-Fri 9:00-17:00.");
  });

  test("without the marks the digit groups reverse (the bug this fixes)", () => {
    expect(onScreen("الهاتف: +30 210 000 0101")).toContain("0101 000 210 30+");
  });

  test("a case's stage, a value naming a text, still finds its text", () => {
    const status = texts.t("ar", "case.status_stage", { case_stage: "interview_scheduled" }, "whatsapp");
    expect(status).toContain(texts.t("ar", "case.stages.interview_scheduled", {}, "whatsapp"));
    expect(keyVariables(["$t(case.stages.{{case_stage}}) {{case_note}}", "$t(services.{{ need_category }})"])).toEqual(
      new Set(["case_stage", "need_category"]),
    );
  });

  test("left-to-right languages get no marks: English stays in the cheaper GSM-7 alphabet", () => {
    expect(texts.t("en", "find_help.partner.phone", { value: "+30 210 000 0101" }, "sms")).toBe("Tel +30 210 000 0101");
  });
});

test("only values the algorithm would reorder are marked: one word or number, a text in Arabic script, or a list of lines is left as it is", () => {
  for (const v of [
    "+30 210 000 0101",
    "HVN-2024-0001",
    "https://example.org/help",
    "info@example.org",
    "We are waiting.",
    "۰۹۱۲ ۳۴۵ ۶۷۸۹",
  ])
    expect(needsMarks(v)).toBe(true);
  for (const v of ["Caritas", "2024", "HVN2024", "", "شارع 12", "1. Athens\nTel 1", "—"])
    expect(needsMarks(v)).toBe(false);
  expect(keepLeftToRight("+30 1")).toBe("\u200e+30 1\u200e");
});

test("words of letters with spaces between them stay one run unmarked, on screen too: an organisation's name costs no marks", () => {
  for (const v of ["Alpha Legal Athens", "Mountain Path Learning Centre"]) expect(needsMarks(v)).toBe(false);
  for (const v of ["Alpha Legal (Athens)", "Mon 9-12", "Alpha  Legal"]) expect(needsMarks(v)).toBe(true);
  expect(onScreen("هل تريد أن تتواصل معك Alpha Legal Athens؟")).toContain("Alpha Legal Athens");
});
