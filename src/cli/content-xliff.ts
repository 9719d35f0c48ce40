// npm run content:xliff -- export <lng> [file.xlf|file.json]
// npm run content:xliff -- import <lng> <file.xlf|file.json> [--dry-run]
// A locale for translators outside the app: XLIFF 2.0 (English source, the locale's target, a state per text),
// or i18next JSON when the file ends in .json. Import checks every text (unknown key, placeholders, direction
// marks, SMS segments), writes the ones that pass into locales/<lng>/*.json and reports the others by key;
// --dry-run prints the report only. Exits 1 when a text was refused, 2 when the file was.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createTexts, readLocales } from "../i18n/texts.ts";
import {
  formatOf,
  fromI18nextJson,
  fromXliff,
  readTranslationFile,
  toI18nextJson,
  toXliff,
  TranslationFileError,
} from "../i18n/translation-files.ts";
import { checkTranslations } from "../i18n/translation-report.ts";
import { translationUnits, writeTranslations } from "../i18n/translation-units.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

const DEFAULT = "en";
const USAGE = "usage: npm run content:xliff -- export <lng> [file] | import <lng> <file> [--dry-run]";

export async function contentXliffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { locales: { type: "string", default: "locales" }, "dry-run": { type: "boolean", default: false } },
  });
  const [command, language, file] = positionals;
  const resources = readLocales(values.locales);
  if (!language || !(language in resources) || language === DEFAULT || (command === "import" && !file)) {
    io.err(
      `${USAGE}\n<lng>: one of ${Object.keys(resources)
        .filter((l) => l !== DEFAULT)
        .join(", ")}`,
    );
    return 2;
  }
  const units = translationUnits(values.locales, language, DEFAULT);

  if (command === "export") {
    const text =
      file && formatOf(file) === "json" ? toI18nextJson(resources, language) : await toXliff(units, language, DEFAULT);
    if (!file) {
      // both formats end in the newline out adds
      io.out(text.replace(/\n$/, ""));
      return 0;
    }
    writeFileSync(file, text);
    const untranslated = units.filter((u) => u.target === undefined && !u.optional).length;
    io.out(`${file}: texts of ${language}, ${untranslated} without a translation yet`);
    return 0;
  }
  if (command !== "import" || !file) {
    io.err(USAGE);
    return 2;
  }
  try {
    const content = readTranslationFile(file);
    const read = formatOf(file) === "json" ? fromI18nextJson(content) : await fromXliff(content, language, DEFAULT);
    const report = checkTranslations({
      resources,
      language,
      defaultLanguage: DEFAULT,
      rtl: createTexts(resources, DEFAULT).rtl(language),
      units,
      imported: read.imported,
    });
    const findings = [...read.findings, ...report.findings];
    for (const f of findings) io.out(`${language}: "${f.key}" ${f.reason}`);
    const written = values["dry-run"] ? [] : writeTranslations(values.locales, language, units, report.accepted);
    io.out(
      `${file}: ${read.imported.size} texts read, ${report.changed.length} changed, ${findings.length} refused` +
        (values["dry-run"] ? " (dry run: nothing written)" : `; wrote ${written.length} files`) +
        (written.length ? `\nrun npm run flows:check -- --locale ${language}` : ""),
    );
    return findings.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof TranslationFileError)) throw error;
    io.err(`${file}: ${error.message}`);
    return 2;
  }
}

await runIfScript(import.meta.url, contentXliffCommand);
