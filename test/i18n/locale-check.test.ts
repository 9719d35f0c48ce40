import {
  asSent,
  formatPlaceholderMismatch,
  missingKeys,
  placeholderMismatches,
  segmentTable,
  staleKeys,
  textMessages,
  tooLong,
} from "../../src/i18n/locale-check.ts";

const resources = {
  en: {
    menu: { prompt: "How can we help?", intro: "Welcome", intro_sms: "Hi" },
    keywords: { yes: ["yes"] },
    days_one: "{{count}} day",
    days_other: "{{count}} days",
  },
  so: {
    menu: { prompt: "Sidee kuu caawin karnaa?", intro: "Soo dhawoow" },
    keywords: { yes: ["haa"] },
    days_other: "{{count}} maalmood",
  },
  ar: {
    menu: { prompt: "كيف يمكننا مساعدتك؟".repeat(12), intro: "أهلاً", intro_sms: "أهلاً" },
    days_zero: "",
    days_few: "",
  },
};

test("a key the default locale has and another lacks is named, with its locale; an SMS variant is optional", () => {
  // Somali has no menu.intro_sms: its intro fits an SMS as it is, and the segment check would say otherwise
  expect(missingKeys(resources, "en")).toEqual([{ language: "ar", key: "keywords.yes" }]);
});

test("plural forms are compared as one key: Arabic's six forms and Somali's one both cover English one/other", () => {
  expect(missingKeys(resources, "en").some((m) => m.key.startsWith("days"))).toBe(false);
  expect(missingKeys({ en: { days_one: "", days_other: "" }, my: {} }, "en")).toEqual([
    { language: "my", key: "days_*" },
  ]);
});

test("an SMS carries the _sms variant where the locale has one; reply word lists are not messages", () => {
  const messages = textMessages(resources, "en");
  expect(messages.map((m) => m.id)).toEqual(["menu.prompt", "menu.intro", "days_one", "days_other"]);
  expect(messages[1]!.sms).toEqual({ en: "Hi", so: "Soo dhawoow", ar: "أهلاً" });
});

test("a message over 3 segments fails, naming message, locale and segments; the table marks it", () => {
  const messages = textMessages(resources, "en");
  expect(tooLong(messages)).toEqual([{ id: "menu.prompt", language: "ar", segments: 4 }]);
  const table = segmentTable(messages, ["en", "so", "ar"]).split("\n");
  expect(table[0]).toMatch(/^message\s+en so ar$/);
  expect(table[1]).toMatch(/^menu\.prompt\s+1 {2}1 4!$/);
  expect(table[3]).toMatch(/^days_one\s+1 {2}· {2}·$/);
});

test("keys English dropped are listed as unused; a locale's own _sms variant is not one of them", () => {
  const withExtra = {
    en: { menu: { prompt: "" } },
    fr: { menu: { prompt: "", prompt_sms: "" }, person: { not_yet: "" } },
  };
  expect(staleKeys(withExtra, "en")).toEqual([{ language: "fr", key: "person.not_yet" }]);
});

test("in a right-to-left language each shown value is counted with its two direction marks; a value naming a text is not", () => {
  // 200 UCS-2 code units fit three segments (201); the two marks around {{value}} make it four
  const text = `${"ا".repeat(191)}{{value}}`;
  const sent = asSent([{ id: "x", sms: { ar: text, so: `${"a".repeat(440)}{{value}}` } }], (lng) => lng === "ar");
  expect(tooLong([{ id: "x", sms: { ar: text } }])).toEqual([]);
  expect(tooLong(sent)).toEqual([{ id: "x", language: "ar", segments: 4 }]);
  expect(sent[0]!.sms.so).toBe(`${"a".repeat(440)}{{value}}`);
  expect(sent[0]!.sms.ar).toBe(`${"ا".repeat(191)}\u200e{{value}}\u200e`);
  expect(
    asSent([{ id: "y", sms: { ar: "$t(case.stages.{{case_stage}}) {{case_note}}" } }], () => true)[0]!.sms.ar,
  ).toBe("$t(case.stages.{{case_stage}}) \u200e{{case_note}}\u200e");
});

test("a translation that drops or adds a placeholder is named; plural forms may say 'one' for {{count}}, an SMS variant may leave a value out", () => {
  const english = {
    en: {
      saved: "Saved: {{need_category}}, reference {{need_reference}}",
      days_one: "{{count}} day in {{place}}",
      days_other: "{{count}} days in {{place}}",
    },
  };
  const fr = {
    saved: "Enregistré : {{need_category}}, référence {{need_ref}}",
    saved_sms: "Référence {{need_reference}}",
    days_one: "un jour à {{place}}",
    days_other: "{{count}} jours",
  };
  expect(placeholderMismatches({ ...english, fr }, "en")).toEqual([
    { language: "fr", key: "saved", missing: ["need_reference"], added: ["need_ref"] },
    { language: "fr", key: "days_other", missing: ["place"], added: [] },
  ]);
  expect(formatPlaceholderMismatch(placeholderMismatches({ ...english, fr }, "en")[0]!)).toBe(
    "drops {{need_reference}} and adds {{need_ref}}, which English does not have",
  );
});
