import { createTexts } from "../../src/i18n/texts.ts";

// a text is rendered once and kept when nothing in it can change; the session's variables come with every call
const texts = createTexts(
  {
    en: {
      a: {
        plain: "Hello",
        named: "Hello {{name}}",
        nested: "$t(a.named), welcome",
        menu: "Menu",
        menu_sms: "{{n}} SMS",
      },
      b: { days_one: "one day", days_other: "{{count}} days", status: "Fixed", status_sms: "Fixed" },
    },
    fr: { a: { plain: "Bonjour", named: "Bonjour {{name}}" } },
  },
  "en",
);

test("a text with nothing to fill in is the same whatever the variables; one with a placeholder is filled each time", () => {
  expect(texts.t("en", "a.plain", { name: "Ana" })).toBe("Hello");
  expect(texts.t("en", "a.plain", {})).toBe("Hello");
  expect(texts.t("fr", "a.plain", { name: "Ana" })).toBe("Bonjour");
  expect(texts.t("en", "a.named", { name: "Ana" })).toBe("Hello Ana");
  expect(texts.t("en", "a.named", { name: "Omar" })).toBe("Hello Omar");
  expect(texts.t("fr", "a.named", { name: "Omar" })).toBe("Bonjour Omar");
  expect(texts.t("en", "a.nested", { name: "Ana" })).toBe("Hello Ana, welcome");
  expect(texts.t("en", "a.nested", { name: "Omar" })).toBe("Hello Omar, welcome");
});

test("a variant or a plural form that fills something in counts for its key", () => {
  expect(texts.t("en", "a.menu", { n: 1 })).toBe("Menu");
  expect(texts.t("en", "a.menu", { n: 1 }, "sms")).toBe("1 SMS");
  expect(texts.t("en", "a.menu", { n: 2 }, "sms")).toBe("2 SMS");
  expect(texts.t("en", "b.days", { count: 1 })).toBe("one day");
  expect(texts.t("en", "b.days", { count: 3 })).toBe("3 days");
  expect(texts.t("en", "b.status", { count: 3 }, "sms")).toBe("Fixed");
});

test("a text of plain placeholders is kept by their values while they are few, and right past that", () => {
  const calls = { n: 0 };
  const counted = createTexts({ en: { c: { org: "Run by {{org}} for {{days}} days" } } }, "en");
  const t = (org: string, days: number) => {
    calls.n++;
    return counted.t("en", "c.org", { org, days, unrelated: calls.n });
  };
  expect(t("UNHCR", 30)).toBe("Run by UNHCR for 30 days");
  expect(t("UNHCR", 30)).toBe("Run by UNHCR for 30 days");
  expect(t("UNHCR", 7)).toBe("Run by UNHCR for 7 days");
  // a text that differs for every person (a reference) stops being kept, and is still filled right
  for (let i = 0; i < 40; i++) expect(t(`Org ${i}`, i)).toBe(`Run by Org ${i} for ${i} days`);
  expect(t("UNHCR", 30)).toBe("Run by UNHCR for 30 days");
  expect(texts.t("en", "a.named", { name: "Ana" }, "sms")).toBe("Hello Ana");
  expect(texts.t("fr", "a.named", { name: "Ana" })).toBe("Bonjour Ana");
});
