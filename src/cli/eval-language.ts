// npm run eval:language — language detection on short messages written in-house, per locale.
// "right": the language named is the one the message is written in, or, for a greeting or a single word
// (the "ask" items), the detector asked instead of guessing: that is the behaviour we want there.
// "asked": the detector asked on a message it should have recognised (costs one question, never the person).
// "wrong": it named another language. Target: >= 90% right, <= 3% wrong.
import { readFileSync } from "node:fs";
import { detectLanguage } from "../i18n/detect-language.ts";
import { languageNames } from "../i18n/language-names.ts";
import { loadSecondVoice } from "../i18n/second-voice.ts";
import { createTexts, readLocales } from "../i18n/texts.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";
import { languageEvalSchema } from "./language-eval-set.ts";

type Row = { locale: string; n: number; right: number; asked: number; wrong: number; mistakes: string[] };

export async function evalLanguageCommand(args: string[], io: CliIo): Promise<number> {
  // --franc-only: without the second voice, to measure what it brings
  const francOnly = args.includes("--franc-only");
  const data = languageEvalSchema.parse(
    JSON.parse(readFileSync(args.find((a) => !a.startsWith("--")) ?? "test/fixtures/language-eval.json", "utf8")),
  );
  const texts = createTexts(readLocales("locales"), "en");
  const locales = texts.languages;
  const detection = {
    names: languageNames(locales, texts),
    secondVoice: francOnly ? undefined : await loadSecondVoice(),
  };

  const rows: Row[] = [];
  let detections = 0;
  const started = performance.now();
  for (const [locale, items] of Object.entries(data)) {
    const row: Row = { locale, n: 0, right: 0, asked: 0, wrong: 0, mistakes: [] };
    for (const [text, shouldAsk] of [
      ...items.detect.map((t) => [t, false] as const),
      ...items.ask.map((t) => [t, true] as const),
    ]) {
      const d = detectLanguage(text, locales, detection);
      detections++;
      row.n++;
      if (d.ok && d.language !== locale) {
        row.wrong++;
        row.mistakes.push(`${text} -> ${d.language} (${d.by})`);
      } else if (d.ok === !shouldAsk) row.right++;
      else row.asked++;
    }
    rows.push(row);
  }
  const seconds = (performance.now() - started) / 1000;

  const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)}%`.padStart(7);
  io.out(
    `${"locale".padEnd(7)}${"n".padStart(4)}${"right".padStart(7)}${"asked".padStart(6)}${"wrong".padStart(6)}${"right%".padStart(7)}`,
  );
  for (const r of rows)
    io.out(
      `${r.locale.padEnd(7)}${String(r.n).padStart(4)}${String(r.right).padStart(7)}${String(r.asked).padStart(6)}${String(r.wrong).padStart(6)}${pct(r.right, r.n)}`,
    );
  const sum = (k: "n" | "right" | "asked" | "wrong") => rows.reduce((a, r) => a + r[k], 0);
  const [n, right, asked, wrong] = [sum("n"), sum("right"), sum("asked"), sum("wrong")];
  io.out(
    `${"all".padEnd(7)}${String(n).padStart(4)}${String(right).padStart(7)}${String(asked).padStart(6)}${String(wrong).padStart(6)}${pct(right, n)}`,
  );
  io.out(
    `\nright ${pct(right, n).trim()}, asked ${pct(asked, n).trim()}, wrong ${pct(wrong, n).trim()}; ${Math.round(detections / seconds)} detections/s`,
  );
  for (const r of rows) for (const m of r.mistakes) io.out(`  wrong ${r.locale}: ${m}`);
  if (right / n < 0.9 || wrong / n > 0.03) {
    io.out("below target (>= 90% right, <= 3% wrong)");
    return 1;
  }
  return 0;
}

await runIfScript(import.meta.url, evalLanguageCommand);
