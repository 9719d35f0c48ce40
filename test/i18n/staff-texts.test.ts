import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { flattenKeys } from "../../src/i18n/locale-check.ts";
import { readLocales } from "../../src/i18n/texts.ts";
import { STAFF_LANGUAGES, staffLocaleProblems } from "../../src/staff/staff-locale-check.ts";
import { readStaffLocales } from "../../src/staff/staff-text.ts";

const staff = readStaffLocales("locales");
const english = new Set(flattenKeys(staff.en).keys());
const PLURAL = /_(zero|one|two|few|many|other)$/;
const bases = new Set([...english].map((k) => k.replace(PLURAL, "")));

/** Every text key the staff pages name: `t("a.b")`, `h("a.b")`, and the prefixes of built ones (`t(\`status.${s}\`)`). */
function keysInSource(): { keys: Set<string>; prefixes: Set<string> } {
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of readdirSync("src/staff").filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(path.join("src/staff", file), "utf8");
    for (const m of source.matchAll(/\b[th]\(\s*"([^"]+)"/g)) keys.add(m[1]!);
    for (const m of source.matchAll(/\b[th]\(\s*`([^`$]*)\$\{/g)) prefixes.add(m[1]!);
  }
  return { keys, prefixes };
}

test("every staff text the pages name is in English: a typo fails here, not on a page", () => {
  const { keys, prefixes } = keysInSource();
  expect(keys.size).toBeGreaterThan(150);
  expect([...keys].filter((k) => !bases.has(k))).toEqual([]);
  // a built key's prefix must lead to English texts ("status." to status.bot...; "conversation." to its deeds)
  expect([...prefixes].filter((p) => ![...english].some((k) => k.startsWith(p)))).toEqual([]);
});

test("en, fr and ar hold every staff text with the same placeholders, and each plural form their language needs", () => {
  expect(Object.keys(staff).sort()).toEqual([...STAFF_LANGUAGES].sort());
  expect(staffLocaleProblems(staff)).toEqual([]);
  // Arabic's six forms
  expect([...flattenKeys(staff.ar).keys()].filter((k) => k.startsWith("inbox.count_")).sort()).toEqual(
    ["few", "many", "one", "other", "two", "zero"].map((f) => `inbox.count_${f}`),
  );
});

test("the check names a missing text, a missing plural form, a dropped placeholder and a text English no longer has", () => {
  const en = { a: { hello: "Hi {{name}}", n_one: "{{count}} item", n_other: "{{count}} items" } };
  const problems = staffLocaleProblems({
    en,
    fr: { a: { n_one: "{{count}} article", n_many: "{{count}} articles", n_other: "{{count}} articles", old: "x" } },
    ar: { a: { hello: "مرحبا", n_one: "عنصر", n_other: "{{count}} عنصر" } },
  });
  expect(problems).toEqual(
    expect.arrayContaining([
      'locales/fr/staff.json: missing "a.hello"',
      'locales/fr/staff.json: "a.old" is not in English (remove it)',
      'locales/ar/staff.json: no "a.n_two"',
      'locales/ar/staff.json: "a.hello" drops {{name}}',
    ]),
  );
  expect(staffLocaleProblems({ en })).toEqual(["locales/fr/staff.json is missing", "locales/ar/staff.json is missing"]);
});

test("the bot's locales leave staff.json out: its languages need no staff texts", () => {
  const bot = readLocales("locales");
  expect(Object.keys(bot.en ?? {})).not.toContain("nav");
  expect(Object.keys(bot.en ?? {})).not.toContain("inbox");
});
