import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocaleError, readLocales } from "../../src/i18n/texts.ts";

function localesWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "locales-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

test("each language merges the section files of every journey", () => {
  const dir = localesWith({ "en/core.json": '{"menu": {"prompt": "Hi"}}', "en/rights.json": '{"rights": {"intro": "Rights"}}' });
  expect(readLocales(dir)).toEqual({ en: { menu: { prompt: "Hi" }, rights: { intro: "Rights" } } });
});

test("a section defined in two files is refused, naming both", () => {
  const dir = localesWith({ "fr/a.json": '{"menu": {}}', "fr/b.json": '{"menu": {}}' });
  expect(() => readLocales(dir)).toThrow(LocaleError);
  expect(() => readLocales(dir)).toThrow(/fr\/b\.json: section "menu" is already defined in .*fr\/a\.json/);
});

test("a file that is not JSON, or not an object, is named", () => {
  expect(() => readLocales(localesWith({ "ar/core.json": "{oops" }))).toThrow(/ar\/core\.json/);
  expect(() => readLocales(localesWith({ "ar/core.json": "[1]" }))).toThrow(/ar\/core\.json: must hold a JSON object/);
});
