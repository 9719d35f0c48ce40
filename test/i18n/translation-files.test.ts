import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { contentXliffCommand } from "../../src/cli/content-xliff.ts";
import { createTexts, readLocales } from "../../src/i18n/texts.ts";
import {
  fromI18nextJson,
  fromXliff,
  MAX_TRANSLATION_FILE_BYTES,
  readTranslationFile,
  toI18nextJson,
  toXliff,
  TranslationFileError,
} from "../../src/i18n/translation-files.ts";
import { checkTranslations, type ImportedText } from "../../src/i18n/translation-report.ts";
import { translationUnits, writeTranslations } from "../../src/i18n/translation-units.ts";
import { runCommand } from "../support/cli.ts";

const resources = readLocales("locales");
const texts = createTexts(resources, "en");
const languages = texts.languages.filter((l) => l !== "en");

const copyOfLocales = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "haven-xliff-"));
  cpSync("locales", dir, { recursive: true });
  return dir;
};
const filesOf = (dir: string, lng: string) =>
  Object.fromEntries(readdirSync(path.join(dir, lng)).map((f) => [f, readFileSync(path.join(dir, lng, f), "utf8")]));

const report = (lng: string, imported: Map<string, ImportedText>, dir = "locales") =>
  checkTranslations({
    resources: readLocales(dir),
    language: lng,
    defaultLanguage: "en",
    rtl: texts.rtl(lng),
    units: translationUnits(dir, lng, "en"),
    imported,
  });

describe("a locale exported and imported unchanged is the same, with an empty report", () => {
  test.each(languages)("%s: XLIFF 2.0", async (lng) => {
    const units = translationUnits("locales", lng, "en");
    const xml = await toXliff(units, lng, "en");
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"/,
    );
    expect(xml).toContain(`srcLang="en" trgLang="${lng}"`);
    const read = await fromXliff(xml, lng, "en");
    const checked = report(lng, read.imported);
    expect([...read.findings, ...checked.findings]).toEqual([]);
    expect(checked.changed).toEqual([]);
    // every text the locale has came back and was taken
    const has = units.filter((u) => u.target !== undefined);
    expect(checked.accepted.size).toBe(has.length);

    // written back: nothing to write, files byte-identical
    const dir = copyOfLocales();
    expect(writeTranslations(dir, lng, units, checked.accepted)).toEqual([]);
    expect(filesOf(dir, lng)).toEqual(filesOf("locales", lng));
    // into empty files of the locale: the same texts, key for key
    for (const f of readdirSync(path.join(dir, lng))) writeFileSync(path.join(dir, lng, f), "{}\n");
    writeTranslations(dir, lng, units, checked.accepted);
    expect(readLocales(dir)[lng]).toEqual(resources[lng]);
  });

  test.each(languages)("%s: i18next JSON", (lng) => {
    const read = fromI18nextJson(toI18nextJson(resources, lng));
    const checked = report(lng, read.imported);
    expect([...read.findings, ...checked.findings]).toEqual([]);
    expect(checked.changed).toEqual([]);
    expect(checked.accepted.size).toBe(read.imported.size);
  });
});

/** The French XLIFF with its text for `key` replaced by `change` of it. */
async function frenchWith(changes: Record<string, (target: string) => string>): Promise<string> {
  const units = translationUnits("locales", "fr", "en").map((u) =>
    changes[u.key] && u.target !== undefined ? { ...u, target: changes[u.key]!(u.target) } : u,
  );
  return toXliff(units, "fr", "en");
}

test("each text with a problem is reported by key and reason and not taken; the others are", async () => {
  const xml = (
    await frenchWith({
      "needs.saved": (t) => t.replace("{{need_reference}}", "{{reference}}"),
      "menu.prompt": (t) => `${t}\u200f`,
      "erase.kept": (t) => t.repeat(12),
      // too long as well, but SMS sends its short variant, which fits
      "welcome.intro": (t) => t.repeat(4),
      "erase.cancel": () => "Non, gardez-les",
    })
  )
    // the translator worked from an older English
    .replace("<source>Your data is erased.", "<source>Your data was erased.")
    .replace(
      "</file>",
      `<unit id="menu.no_such_text"><segment><source>x</source><target>y</target></segment></unit></file>`,
    );
  const read = await fromXliff(xml, "fr", "en");
  const checked = report("fr", read.imported);
  expect([...checked.findings].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
    { key: "erase.done", reason: "the English text changed since this file was made: translate the new English" },
    { key: "erase.kept", reason: expect.stringMatching(/^is \d+ SMS segments as sent \(at most 3\)/) },
    { key: "menu.no_such_text", reason: expect.stringMatching(/^unknown key/) },
    { key: "menu.prompt", reason: "holds a direction mark (LRM/RLM/ALM) in a left-to-right language" },
    { key: "needs.saved", reason: "drops {{need_reference}} and adds {{reference}}, which English does not have" },
  ]);
  expect(checked.changed.sort()).toEqual(["erase.cancel", "welcome.intro"]);
});

test("right-to-left: no isolates, no mark beside a value (the bot adds it), and the marks a numbered line has stay", async () => {
  const units = translationUnits("locales", "ar", "en");
  const imported = new Map<string, ImportedText>([
    ["menu.prompt", { text: `\u2067${units.find((u) => u.key === "menu.prompt")!.target!}\u2069` }],
    ["needs.saved_sms", { text: "رقمك \u200e{{need_reference}}\u200e" }],
    ["find_help.partner.name", { text: "{{number}}. {{name}}" }],
  ]);
  expect(report("ar", imported).findings.map((f) => `${f.key}: ${f.reason.split(":")[0]}`)).toEqual([
    "menu.prompt: holds a bidi isolate or embedding (U+2066-2069, U+202A-202E)",
    "needs.saved_sms: puts an LRM beside a {{value}}",
    "find_help.partner.name: drops direction marks the current text has (1; this one 0)",
  ]);
});

test("an XLIFF with a DOCTYPE or entity is refused before it is parsed; so is another language's file", async () => {
  const xml = await frenchWith({});
  const xxe = xml.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<xliff ');
  await expect(fromXliff(xxe.replace("<target>Bienvenue", "<target>&secret;"), "fr", "en")).rejects.toThrow(
    /refused: the file declares a DOCTYPE or an entity/,
  );
  await expect(fromXliff(xml, "es", "en")).rejects.toThrow("the file translates en to fr, not en to es");
  await expect(fromXliff("<xliff version='2.0'", "fr", "en")).rejects.toThrow(TranslationFileError);
});

test("a file over the size cap is refused before it is read", () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "haven-xliff-")), "big.xlf");
  writeFileSync(file, " ".repeat(MAX_TRANSLATION_FILE_BYTES + 1));
  expect(() => readTranslationFile(file)).toThrow(`is ${MAX_TRANSLATION_FILE_BYTES + 1} bytes; at most`);
});

test("npm run content:xliff: export, a translator's changes, import writes the good texts and reports the others", async () => {
  const dir = copyOfLocales();
  const file = path.join(dir, "so.xlf");
  expect(await runCommand(contentXliffCommand, ["export", "so", file, "--locales", dir])).toMatchObject({ code: 0 });
  const before = readLocales(dir).so as { menu: { prompt: string }; needs: { saved: string } };
  const edited = readFileSync(file, "utf8")
    .replace(`<target>${before.menu.prompt.split("\n")[0]}`, "<target>Maxaan kuu caawin karnaa maanta?")
    .replace(/(<target>[^<]*)\{\{need_reference\}\}/, "$1{{ref}}");
  writeFileSync(file, edited);
  const dry = await runCommand(contentXliffCommand, ["import", "so", file, "--dry-run", "--locales", dir]);
  expect(dry).toMatchObject({ code: 1 });
  expect(dry.stdout).toMatch(/so: "needs\.saved(_sms)?" drops \{\{need_reference\}\} and adds \{\{ref\}\}/);
  expect(dry.stdout).toMatch(/1 changed, 1 refused \(dry run: nothing written\)/);
  expect(readLocales(dir).so).toEqual(before);

  const run = await runCommand(contentXliffCommand, ["import", "so", file, "--locales", dir]);
  expect(run.stdout).toMatch(/wrote 1 files/);
  const after = readLocales(dir).so as typeof before;
  expect(after.menu.prompt.startsWith("Maxaan kuu caawin karnaa maanta?")).toBe(true);
  expect(after.needs).toEqual(before.needs);
}, 60_000);
