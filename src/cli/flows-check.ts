// npm run flows:check [-- --locale so]
// Fails when a locale lacks a text the default locale (en) has, when a message is too long for SMS, or
// when flows/data/areas.yaml, the area labels and the area menus are out of step (as start-up does);
// prints the SMS segments of every message in every locale. --locale narrows the report to one language.
import { parseArgs } from "node:util";
import { buildFlows, type EngineContext, flowSchema, formatProblem, promptFor } from "../engine/index.ts";
import { areaProblems } from "../domain/partners/area-labels.ts";
import { areasFile, AreasFileError, readAreas } from "../domain/partners/areas.ts";
import { ENTRY_FLOWS, readFlowDocs } from "../flows/load-flows.ts";
import { type Message, MAX_SMS_SEGMENTS, missingKeys, segmentTable, staleKeys, textMessages, tooLong } from "../i18n/locale-check.ts";
import { createTexts, readLocales } from "../i18n/texts.ts";

const { values } = parseArgs({ options: { locale: { type: "string" }, flows: { type: "string", default: "flows" }, locales: { type: "string", default: "locales" } } });
const DEFAULT = "en";

const resources = readLocales(values.locales);
const texts = createTexts(resources, DEFAULT);
const read = readFlowDocs(values.flows);
// action names are checked at start-up against the wired domain modules; here only texts matter
const actions = read.docs.flatMap((d) => {
  const parsed = flowSchema.safeParse(d.data);
  return parsed.success ? parsed.data.nodes.flatMap((n) => (n.type === "action" ? [n.action] : [])) : [];
});
const built = buildFlows(read.docs, { actions, entry: ENTRY_FLOWS, hasText: (key) => texts.has(DEFAULT, key) });
const flowProblems = [...read.problems, ...built.problems];
const areasProblems = areasInStep();

const ctx: EngineContext = { flows: built.flows, texts, actions: {}, entry: ENTRY_FLOWS, channel: "sms", defaultLanguage: DEFAULT };
const menus: Message[] = [...built.flows.values()].flatMap((flow) =>
  [...flow.nodes.values()].flatMap((node) => {
    if (node.type !== "ask" || node.answer.type !== "choice") return [];
    const retry = node.retry_text ?? "engine.retry";
    const keys = [node.text, retry, ...node.answer.options.map((o) => o.label)];
    const complete = texts.languages.filter((lng) => keys.every((k) => texts.has(lng, k)));
    const prompt = (lng: string) => promptFor(ctx, lng, node);
    const sms = (say: (lng: string) => string) => Object.fromEntries(texts.languages.map((lng) => [lng, complete.includes(lng) ? say(lng) : undefined]));
    // after a reply it did not understand, the bot says sorry and asks again, in the same SMS
    return [
      { id: `${flow.id}/${node.id} (menu)`, sms: sms(prompt) },
      { id: `${flow.id}/${node.id} (retry)`, sms: sms((lng) => `${texts.t(lng, retry, {}, "sms")}\n${prompt(lng)}`) },
    ];
  }),
);
// option labels travel inside their menu, which is measured whole
const labels = new Set([...built.flows.values()].flatMap((f) => [...f.nodes.values()].flatMap((n) => (n.type === "ask" && n.answer.type === "choice" ? n.answer.options.map((o) => o.label) : []))));
const messages = [...textMessages(resources, DEFAULT).filter((m) => !labels.has(m.id)), ...menus];

const shown = values.locale ? [DEFAULT, values.locale] : texts.languages;
if (values.locale && !texts.languages.includes(values.locale)) {
  console.error(`no locale "${values.locale}" in ${values.locales}/ (have: ${texts.languages.join(", ")})`);
  process.exit(1);
}
console.log(`SMS segments per message (GSM-7 160/153, UCS-2 70/67; "·" missing, "!" over ${MAX_SMS_SEGMENTS}):\n`);
console.log(segmentTable(messages, shown));

const missing = missingKeys(resources, DEFAULT).filter((m) => shown.includes(m.language));
const long = tooLong(messages).filter((t) => shown.includes(t.language));
const stale = staleKeys(resources, DEFAULT).filter((m) => shown.includes(m.language));
const count = (list: { language: string }[], lng: string) => String(list.filter((m) => m.language === lng).length);
console.log(`\n${"locale".padEnd(7)}${"missing".padStart(8)}${"too long".padStart(9)}${"unused".padStart(7)}`);
for (const lng of shown) console.log(`${lng.padEnd(7)}${count(missing, lng).padStart(8)}${count(long, lng).padStart(9)}${count(stale, lng).padStart(7)}`);
if (stale.length) console.log(`\nnot in English any more (remove them): ${stale.map((m) => `${m.language}:${m.key}`).join(", ")}`);

const failures = [
  ...flowProblems.map((p) => `flow: ${formatProblem(p)}`),
  ...areasProblems.map((p) => `areas: ${p}`),
  ...missing.map((m) => `${m.language}: missing "${m.key}"${values.locale ? ` (en: ${JSON.stringify(texts.t(DEFAULT, m.key.replace("_*", "_other"), {}, "whatsapp"))})` : ""}`),
  ...long.map((t) => `${t.language}: "${t.id}" is ${t.segments} SMS segments (at most ${MAX_SMS_SEGMENTS}; shorten it or add a "_sms" variant)`),
];
if (failures.length) {
  console.log(`\nflows:check failed (${failures.length}):\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
console.log(`\nflows:check ok: ${built.flows.size} flows, ${texts.languages.length} locales, ${messages.length} messages`);

function areasInStep(): string[] {
  const file = areasFile(values.flows);
  try {
    return areaProblems(readAreas(file), built.flows, texts, { areasFile: file, localesDir: values.locales });
  } catch (error) {
    if (error instanceof AreasFileError) return [error.message];
    throw error;
  }
}
