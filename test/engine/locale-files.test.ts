import { LocaleError, readLocales } from "../../src/i18n/texts.ts";
import { tempDirWith } from "../support/files.ts";

test("each language merges the section files of every journey", () => {
  const dir = tempDirWith({
    "en/core.json": '{"menu": {"prompt": "Hi"}}',
    "en/rights.json": '{"rights": {"intro": "Rights"}}',
  });
  expect(readLocales(dir)).toEqual({ en: { menu: { prompt: "Hi" }, rights: { intro: "Rights" } } });
});

test("a section defined in two files is refused, naming both", () => {
  const dir = tempDirWith({ "fr/a.json": '{"menu": {}}', "fr/b.json": '{"menu": {}}' });
  expect(() => readLocales(dir)).toThrow(LocaleError);
  expect(() => readLocales(dir)).toThrow(/fr\/b\.json: section "menu" is already defined in .*fr\/a\.json/);
});

test("a file that is not JSON, or not an object, is named", () => {
  expect(() => readLocales(tempDirWith({ "ar/core.json": "{oops" }))).toThrow(/ar\/core\.json/);
  expect(() => readLocales(tempDirWith({ "ar/core.json": "[1]" }))).toThrow(/ar\/core\.json: must hold a JSON object/);
});
