import { missingKeys, segmentTable, staleKeys, textMessages, tooLong } from "../../src/i18n/locale-check.ts";

const resources = {
  en: { menu: { prompt: "How can we help?", intro: "Welcome", intro_sms: "Hi" }, keywords: { yes: ["yes"] }, days_one: "{{count}} day", days_other: "{{count}} days" },
  so: { menu: { prompt: "Sidee kuu caawin karnaa?", intro: "Soo dhawoow" }, keywords: { yes: ["haa"] }, days_other: "{{count}} maalmood" },
  ar: { menu: { prompt: "كيف يمكننا مساعدتك؟".repeat(12), intro: "أهلاً", intro_sms: "أهلاً" }, days_zero: "", days_few: "" },
};

test("a key the default locale has and another lacks is named, with its locale", () => {
  expect(missingKeys(resources, "en")).toEqual([
    { language: "so", key: "menu.intro_sms" },
    { language: "ar", key: "keywords.yes" },
  ]);
});

test("plural forms are compared as one key: Arabic's six forms and Somali's one both cover English one/other", () => {
  expect(missingKeys(resources, "en").some((m) => m.key.startsWith("days"))).toBe(false);
  expect(missingKeys({ en: { days_one: "", days_other: "" }, my: {} }, "en")).toEqual([{ language: "my", key: "days_*" }]);
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
  expect(table[1]).toMatch(/^menu\.prompt\s+1  1 4!$/);
  expect(table[3]).toMatch(/^days_one\s+1  ·  ·$/);
});

test("keys English dropped are listed as unused; a locale's own _sms variant is not one of them", () => {
  const withExtra = { en: { menu: { prompt: "" } }, fr: { menu: { prompt: "", prompt_sms: "" }, person: { not_yet: "" } } };
  expect(staleKeys(withExtra, "en")).toEqual([{ language: "fr", key: "person.not_yet" }]);
});
