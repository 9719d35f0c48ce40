// npm run eval:risk — protection-risk words on short messages written in-house, per locale.
// "danger" messages must reach a person: handed over at once (recall), or asked "are you in danger now?"
// (their words only hint at danger; a yes hands over); *reached* is either. "everyday" ones share words with
// danger and must not hand over (false alarms); asking them is reported (one extra question, not a miss).
// Read as for a person whose language is known: their language's list and the default's (English), which is
// what the engine does once the language is set. "new" is the false alarms for a new person, whose message
// meets all 17 lists (reported, not judged: a false alarm there costs one handover, never a miss). The
// everyday sentences of the language-detection sets, never written for risk, measure how often an ordinary
// message is asked. Target per locale: reached >= 95%, false alarms <= 5%.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { readRisk, riskWordLists, riskWords } from "../engine/index.ts";
import { createTexts, readLocales } from "../i18n/texts.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";
import { languageEvalSchema } from "./language-eval-set.ts";

const evalSchema = z.record(z.string(), z.object({ danger: z.array(z.string()), everyday: z.array(z.string()) }));
const LANGUAGE_SETS = ["language-eval.json", "language-eval-heldout.json", "language-eval-heldout-2.json"];

type Verdict = "risk" | "asked" | "none";
type Row = {
  locale: string;
  danger: number;
  caught: number;
  asked: number;
  everyday: number;
  alarms: number;
  everydayAsked: number;
  newAlarms: number;
  sentences: number;
  sentencesAsked: number;
  mistakes: string[];
};
type Counted = Exclude<keyof Row, "locale" | "mistakes">;

export async function evalRiskCommand([fileArg]: string[], io: CliIo): Promise<number> {
  const file = fileArg ?? "test/fixtures/risk-eval.json";
  const data = evalSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const sentences = new Map<string, string[]>();
  for (const set of LANGUAGE_SETS)
    for (const [locale, items] of Object.entries(
      languageEvalSchema.parse(JSON.parse(readFileSync(`test/fixtures/${set}`, "utf8"))),
    ))
      sentences.set(locale, [...(sentences.get(locale) ?? []), ...items.detect, ...items.ask]);

  const texts = createTexts(readLocales("locales"), "en");
  const everyList = texts.languages.map((l) => riskWords(texts, l));
  const newPersonSees = (text: string) => readRisk(text, everyList).risk.length > 0;

  function verdict(text: string, locale: string): Verdict {
    const reading = readRisk(text, riskWordLists(texts, locale, "en"));
    return reading.risk.length > 0 ? "risk" : reading.hint.length > 0 ? "asked" : "none";
  }

  const rows: Row[] = [];
  for (const [locale, items] of Object.entries(data)) {
    const own = sentences.get(locale) ?? [];
    const row: Row = {
      locale,
      danger: items.danger.length,
      caught: 0,
      asked: 0,
      everyday: items.everyday.length,
      alarms: 0,
      everydayAsked: 0,
      newAlarms: 0,
      sentences: own.length,
      sentencesAsked: 0,
      mistakes: [],
    };
    for (const text of items.danger) {
      const v = verdict(text, locale);
      if (v === "risk") row.caught++;
      else if (v === "asked") row.asked++;
      else row.mistakes.push(`missed: ${text}`);
    }
    for (const text of items.everyday) {
      const v = verdict(text, locale);
      if (v === "risk") {
        row.alarms++;
        row.mistakes.push(`false alarm: ${text}`);
      } else if (v === "asked") row.everydayAsked++;
      if (newPersonSees(text)) row.newAlarms++;
    }
    for (const text of own) {
      const v = verdict(text, locale);
      if (v === "asked") row.sentencesAsked++;
      if (v !== "none") row.mistakes.push(`sentence ${v === "risk" ? "alarm" : "asked"}: ${text}`);
    }
    rows.push(row);
  }

  // speed: every message as a new person's, against all 17 lists (the costliest case, on every first message)
  const all = Object.values(data).flatMap((i) => [...i.danger, ...i.everyday]);
  const rounds = 20;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const text of all) newPersonSees(text);
  const perSecond = Math.round((rounds * all.length) / ((performance.now() - started) / 1000));

  const pct = (a: number, n: number) => (n === 0 ? "-" : `${((100 * a) / n).toFixed(1)}%`);
  const line = (cells: (string | number)[]) =>
    io.out(cells.map((c, i) => (i === 0 ? String(c).padEnd(7) : String(c).padStart(9))).join(""));
  line(["locale", "danger", "recall", "asked", "reached", "everyday", "alarm%", "asked", "new%", "sentence", "asked"]);
  const cells = (r: Omit<Row, "locale" | "mistakes">) => [
    r.danger,
    pct(r.caught, r.danger),
    pct(r.asked, r.danger),
    pct(r.caught + r.asked, r.danger),
    r.everyday,
    pct(r.alarms, r.everyday),
    pct(r.everydayAsked, r.everyday),
    pct(r.newAlarms, r.everyday),
    r.sentences,
    pct(r.sentencesAsked, r.sentences),
  ];
  for (const r of rows) line([r.locale, ...cells(r)]);
  const sum = (k: Counted) => rows.reduce((a, r) => a + r[k], 0);
  const keys: Counted[] = ["danger", "caught", "asked", "everyday", "alarms", "everydayAsked", "newAlarms"];
  line([
    "all",
    ...cells({
      ...(Object.fromEntries(keys.map((k) => [k, sum(k)])) as Record<Counted, number>),
      sentences: sum("sentences"),
      sentencesAsked: sum("sentencesAsked"),
    }),
  ]);
  io.out(
    `\n${file}: ${perSecond} messages/s as a new person's (all ${everyList.length} lists); "sentence": the` +
      " everyday sentences of the language-detection sets, read as the locale's",
  );
  // a new person's first message meets all 17 lists: how often an ordinary one is handed over or asked
  const firstMessages = [...sentences.values()].flat().map((text) => readRisk(text, everyList));
  io.out(
    `the ${firstMessages.length} sentences as a new person's: ${firstMessages.filter((r) => r.risk.length > 0).length}` +
      ` handed over, ${firstMessages.filter((r) => r.hint.length > 0).length} asked`,
  );
  for (const r of rows) for (const m of r.mistakes) io.out(`  ${r.locale} ${m}`);
  const below = rows.filter((r) => (r.caught + r.asked) / r.danger < 0.95 || r.alarms / r.everyday > 0.05);
  if (below.length > 0) {
    io.out(`below target (reached >= 95%, false alarms <= 5% per locale): ${below.map((r) => r.locale).join(", ")}`);
    return 1;
  }
  return 0;
}

await runIfScript(import.meta.url, evalRiskCommand);
