// npm run eval:risk — protection-risk words on short messages written in-house, per locale.
// "danger" messages must hand over (recall); "everyday" ones share words with danger and must not (false
// alarms). Read as for a person whose language is known: their language's list and the default's (English),
// which is what the engine does once the language is set. "new" is the false alarms for a new person, whose
// message meets all 17 lists (reported, not judged: a false alarm there costs one handover, never a miss).
// Target per locale: recall >= 95%, false alarms <= 5%.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { hasRiskWords, listsWithRisk, riskWordLists, riskWords } from "../engine/index.ts";
import { createTexts, readLocales } from "../i18n/texts.ts";

const evalSchema = z.record(z.string(), z.object({ danger: z.array(z.string()), everyday: z.array(z.string()) }));
const file = process.argv[2] ?? "test/fixtures/risk-eval.json";
const data = evalSchema.parse(JSON.parse(readFileSync(file, "utf8")));
const texts = createTexts(readLocales("locales"), "en");
const everyList = texts.languages.map((l) => riskWords(texts, l));
const newPersonSees = (text: string) => listsWithRisk(text, everyList).length > 0;

type Row = {
  locale: string;
  danger: number;
  caught: number;
  everyday: number;
  alarms: number;
  newAlarms: number;
  mistakes: string[];
};
const rows: Row[] = [];
for (const [locale, items] of Object.entries(data)) {
  const lists = riskWordLists(texts, locale, "en");
  const row: Row = {
    locale,
    danger: items.danger.length,
    caught: 0,
    everyday: items.everyday.length,
    alarms: 0,
    newAlarms: 0,
    mistakes: [],
  };
  for (const text of items.danger) {
    if (hasRiskWords(text, lists)) row.caught++;
    else row.mistakes.push(`missed: ${text}`);
  }
  for (const text of items.everyday) {
    if (hasRiskWords(text, lists)) {
      row.alarms++;
      row.mistakes.push(`false alarm: ${text}`);
    }
    if (newPersonSees(text)) row.newAlarms++;
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
  console.log(cells.map((c, i) => (i === 0 ? String(c).padEnd(7) : String(c).padStart(9))).join(""));
line(["locale", "n", "danger", "recall", "everyday", "alarms", "alarm%", "new%"]);
for (const r of rows)
  line([
    r.locale,
    r.danger + r.everyday,
    r.danger,
    pct(r.caught, r.danger),
    r.everyday,
    r.alarms,
    pct(r.alarms, r.everyday),
    pct(r.newAlarms, r.everyday),
  ]);
const sum = (k: "danger" | "caught" | "everyday" | "alarms" | "newAlarms") => rows.reduce((a, r) => a + r[k], 0);
line([
  "all",
  sum("danger") + sum("everyday"),
  sum("danger"),
  pct(sum("caught"), sum("danger")),
  sum("everyday"),
  sum("alarms"),
  pct(sum("alarms"), sum("everyday")),
  pct(sum("newAlarms"), sum("everyday")),
]);
console.log(`\n${file}: ${perSecond} messages/s as a new person's (all ${everyList.length} lists)`);
for (const r of rows) for (const m of r.mistakes) console.log(`  ${r.locale} ${m}`);
const below = rows.filter((r) => r.caught / r.danger < 0.95 || r.alarms / r.everyday > 0.05);
if (below.length > 0) {
  console.log(`below target (recall >= 95%, false alarms <= 5% per locale): ${below.map((r) => r.locale).join(", ")}`);
  process.exit(1);
}
