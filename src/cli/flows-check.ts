// npm run flows:check [-- --locale so]
// Fails when a locale lacks a text the default locale (en) has, when a translation drops or adds a {{placeholder}},
// when a keyword that works at any time is a reply word of any locale, when a message is too long for SMS, when an
// English text is used by no flow, code or other text, or when flows/data/areas.yaml, the area labels and the
// area menus are out of step (as start-up does); prints the SMS segments of every message in every locale.
// --locale narrows the report to one language.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { areaProblems, AREA_TEXTS } from "../domain/areas/area-labels.ts";
import { areasFile, AreasFileError, readAreas } from "../domain/areas/areas.ts";
import { readPartnersCsv } from "../domain/partners/import-csv.ts";
import type { PartnerInput } from "../domain/partners/partner.ts";
import { PARTNER_TEXTS } from "../domain/partners/service.ts";
import { worstCaseResults } from "../domain/partners/sms-worst-case.ts";
import { SERVICE_TEXTS, serviceMenuProblems } from "../domain/services.ts";
import { domainActions } from "../domain/actions.ts";
import {
  askMessagesFor,
  buildFlows,
  DEFAULT_RETRY,
  type EngineContext,
  flowTextKeys,
  optionLabelKeys,
  type Flows,
  formatClash,
  formatProblem,
  keywordClashes,
  type Keywords,
  keywordTextKeys,
} from "../engine/index.ts";
import { ENTRY_FLOWS, readFlowDocs, readKeywords } from "../flows/load-flows.ts";
import { numberedText } from "../channels/numbered-menu.ts";
import { textVariant } from "../channels/profile.ts";
import { textReferencesInCode } from "../i18n/code-references.ts";
import { LANGUAGE_WORD_TEXTS } from "../i18n/language-names.ts";
import {
  asSent,
  type Message,
  MAX_SMS_SEGMENTS,
  missingKeys,
  formatPlaceholderMismatch,
  placeholderMismatches,
  segmentTable,
  staleKeys,
  textMessages,
  tooLong,
} from "../i18n/locale-check.ts";
import { createTexts, type LocaleTexts, readLocales, type Resources } from "../i18n/texts.ts";
import { unusedKeys } from "../i18n/unused-texts.ts";
import { staffLocaleProblems } from "../staff/staff-locale-check.ts";
import { readStaffLocales } from "../staff/staff-text.ts";
import { readReviewFile, reviewCounts } from "../i18n/review-state.ts";
import { translationUnits } from "../i18n/translation-units.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

/** Prefixes the code completes at run time into text keys, each exported next to the code that builds it. */
const BUILT_BY_CODE = [AREA_TEXTS, PARTNER_TEXTS, SERVICE_TEXTS, LANGUAGE_WORD_TEXTS];
const DEFAULT = "en";

export async function flowsCheckCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      locale: { type: "string" },
      flows: { type: "string", default: "flows" },
      locales: { type: "string", default: "locales" },
      src: { type: "string", default: "src" },
      partners: { type: "string", default: "prisma/seed/partners.csv" },
    },
  });
  const resources = readLocales(values.locales);
  const texts = createTexts(resources, DEFAULT);
  const read = readFlowDocs(values.flows);
  // the actions as the server wires them, for their contracts (params, outcomes, variables set); what they are
  // bound to (language detection, areas, time zone) changes what they do, not what they declare
  const actions = domainActions({ texts, detection: {}, areas: {}, timeZone: "UTC" }).contracts;
  const hasText = (key: string) => texts.has(DEFAULT, key);
  const built = buildFlows(read.docs, { actions, entry: ENTRY_FLOWS, hasText });
  const keywords = readKeywords(values.flows, built.flows, hasText);
  const flowProblems = [...read.problems, ...built.problems, ...keywords.problems];
  const areasProblems = areasInStep(values.flows, values.locales, built.flows, texts);

  // messages are measured filled with the longest data they can carry: partners' names and the find-help
  // answer's pages from the partner rows (src/domain/partners/sms-worst-case.ts), not the bare templates
  const rows = partnerRows(values.partners, values.flows);
  const areas = areaIds(values.flows);
  const worst = new Map(texts.languages.map((lng) => [lng, worstCaseResults(texts, lng, rows, areas)]));
  const messages = messagesAsSent(built.flows, keywords.keywords, texts, resources, worst);

  // the staff pages' keys are their own namespace (locales/<lng>/staff.json), checked below
  const code = textReferencesInCode(values.src, ["staff"]);
  const sections = new Set(Object.keys(resources[DEFAULT] ?? {}));
  // a template that builds a text key from a prefix nobody declared would make its texts look unused
  const undeclared = code.built.filter(
    (b) => sections.has(b.prefix.split(".")[0]!) && !BUILT_BY_CODE.includes(b.prefix),
  );
  const unused = unusedKeys(resources[DEFAULT], {
    keys: [
      ...flowTextKeys(built.flows),
      ...(keywords.keywords ? keywordTextKeys(keywords.keywords) : []),
      ...code.keys,
    ],
    prefixes: BUILT_BY_CODE,
  });

  const shown = values.locale ? [DEFAULT, values.locale] : texts.languages;
  if (values.locale && !texts.languages.includes(values.locale)) {
    io.err(`no locale "${values.locale}" in ${values.locales}/ (have: ${texts.languages.join(", ")})`);
    return 1;
  }
  io.out(`SMS segments per message (GSM-7 160/153, UCS-2 70/67; "·" missing, "!" over ${MAX_SMS_SEGMENTS}):\n`);
  io.out(segmentTable(messages, shown));

  const missing = missingKeys(resources, DEFAULT).filter((m) => shown.includes(m.language));
  const long = tooLong(messages).filter((t) => shown.includes(t.language));
  const stale = staleKeys(resources, DEFAULT).filter((m) => shown.includes(m.language));
  const placeholders = placeholderMismatches(resources, DEFAULT).filter((m) => shown.includes(m.language));
  const clashes = (
    keywords.keywords ? keywordClashes(built.flows, texts, texts.languages, keywords.keywords) : []
  ).filter((c) => shown.includes(c.language));
  const count = (list: { language: string }[], lng: string) => String(list.filter((m) => m.language === lng).length);
  // review state from locales/review.json (reviews made in the staff app reach it with content:export): reported,
  // never a failure, since most locales were written before anyone could review them
  const reviews = readReviewFile(values.locales);
  const review = (lng: string) =>
    lng === DEFAULT ? undefined : reviewCounts(translationUnits(values.locales, lng, DEFAULT), reviews[lng]);
  // stale: a key the locale keeps after English dropped it; review stale: English changed after the review
  io.out(
    `\n${"locale".padEnd(7)}${"missing".padStart(8)}${"too long".padStart(9)}${"stale".padStart(6)}` +
      `${"unreviewed".padStart(11)}${"review stale".padStart(13)}${"reviewed".padStart(9)}`,
  );
  for (const lng of shown) {
    const r = review(lng);
    io.out(
      `${lng.padEnd(7)}${count(missing, lng).padStart(8)}${count(long, lng).padStart(9)}${count(stale, lng).padStart(6)}` +
        `${String(r?.unreviewed ?? "source").padStart(11)}${String(r?.stale ?? "").padStart(13)}${String(r?.reviewed ?? "").padStart(9)}`,
    );
  }
  if (stale.length)
    io.out(`\nnot in English any more (remove them): ${stale.map((m) => `${m.language}:${m.key}`).join(", ")}`);
  io.out(`\nEnglish texts used by no flow, code or other text: ${unused.length}`);

  // a locales folder without the staff app's texts (a bot-only fixture) has none to check
  const staffLocales = readStaffLocales(values.locales);
  const staffProblems = Object.keys(staffLocales).length ? staffLocaleProblems(staffLocales) : [];
  const failures = [
    ...flowProblems.map((p) => `flow: ${formatProblem(p)}`),
    ...staffProblems.map((p) => `staff: ${p}`),
    ...areasProblems.map((p) => `areas: ${p}`),
    ...serviceMenuProblems(built.flows).map((p) => `services: ${p}`),
    ...clashes.map(formatClash),
    ...placeholders.map((m) => `${m.language}: "${m.key}" ${formatPlaceholderMismatch(m)}`),
    ...missing.map(
      (m) =>
        `${m.language}: missing "${m.key}"${values.locale ? ` (en: ${JSON.stringify(texts.t(DEFAULT, m.key.replace("_*", "_other"), {}))})` : ""}`,
    ),
    ...long.map(
      (t) =>
        `${t.language}: "${t.id}" is ${t.segments} SMS segments (at most ${MAX_SMS_SEGMENTS}; shorten it or add a "_sms" variant)`,
    ),
    ...unused.map(
      (key) =>
        `${DEFAULT}: "${key}" is used by no flow, code or other text (remove it from every locale; if code builds its key, export the prefix)`,
    ),
    ...undeclared.map(
      (b) =>
        `${b.file}: builds text keys from "${b.prefix}"; export the prefix next to that code and list it in BUILT_BY_CODE (src/cli/flows-check.ts)`,
    ),
  ];
  if (failures.length) {
    io.out(`\nflows:check failed (${failures.length}):\n${failures.map((f) => `  - ${f}`).join("\n")}`);
    return 1;
  }
  io.out(
    `\nflows:check ok: ${built.flows.size} flows, ${texts.languages.length} locales, ${messages.length} messages; staff app texts in ${Object.keys(staffLocales).length} languages`,
  );
  return 0;
}

/**
 * Every message as the bot sends it, by language: the texts filled with `worst`'s longest values, each question's
 * menu and retry as the engine builds them, and each page of the longest find-help answer.
 */
function messagesAsSent(
  flows: Flows,
  keywords: Keywords | undefined,
  texts: LocaleTexts,
  resources: Resources,
  worst: ReadonlyMap<string, ReturnType<typeof worstCaseResults>>,
): Message[] {
  const fill = (lng: string, text: string | undefined) =>
    text?.replace(/\{\{(\w+)\}\}/g, (all, name: string) => worst.get(lng)?.vars[name] ?? all);
  const ctx: EngineContext = {
    flows,
    texts,
    actions: {},
    entry: ENTRY_FLOWS,
    // a broken keywords file is reported with the flows; measuring questions needs none of its words
    keywords: keywords ?? { triggers: [], back: "keywords.back" },
    textVariant: textVariant("sms"),
    defaultLanguage: DEFAULT,
  };
  // what an ask node sends, measured as the engine builds it: a menu whole, and for every kind of question the
  // retry (sorry, then the question again, in the same SMS) that a reply it did not understand gets
  const asks: Message[] = [...flows.values()].flatMap((flow) =>
    [...flow.nodes.values()].flatMap((node) => {
      if (node.type !== "ask") return [];
      const labels = node.answer.type === "choice" ? node.answer.options.map((o) => o.label) : [];
      const keys = [node.text, node.retry_text ?? DEFAULT_RETRY, ...labels];
      const sent = new Map(
        texts.languages
          .filter((lng) => keys.every((k) => texts.has(lng, k)))
          .map((lng) => {
            const { prompt, retry } = askMessagesFor(ctx, lng, node, worst.get(lng)?.vars);
            // as SMS sends them: the choices as numbered lines
            return [lng, { prompt: numberedText(prompt), retry: numberedText(retry) }];
          }),
      );
      const sms = (pick: "prompt" | "retry") =>
        Object.fromEntries(texts.languages.map((lng) => [lng, sent.get(lng)?.[pick]]));
      // a question that never asks twice (max_retries: 0) never sends its retry
      const retry = node.max_retries > 0 ? [{ id: `${flow.id}/${node.id} (retry)`, sms: sms("retry") }] : [];
      // a free-text question alone is its text, already measured with the other texts
      return node.answer.type === "choice"
        ? [{ id: `${flow.id}/${node.id} (menu)`, sms: sms("prompt") }, ...retry]
        : retry;
    }),
  );
  // option labels travel inside their menu, which is measured whole
  const labels = optionLabelKeys(flows);
  // in right-to-left languages a shown value may come with two direction marks (asSent); the fill then puts the data in
  const filled = asSent(
    textMessages(resources, DEFAULT).filter((m) => !labels.has(m.id)),
    texts.rtl,
  ).map((m) => ({ ...m, sms: Object.fromEntries(Object.entries(m.sms).map(([lng, text]) => [lng, fill(lng, text)])) }));
  const pageCount = Math.max(...[...worst.values()].map((w) => w.pages.length));
  // each page of the longest answer; "" (0 segments) where a language needs fewer pages
  const pages: Message[] = Array.from({ length: pageCount }, (_, i) => ({
    id: `find_help/results page ${i + 1} (longest partners)`,
    sms: Object.fromEntries(texts.languages.map((lng) => [lng, worst.get(lng)?.pages[i] ?? ""])),
  }));
  // asks and pages are rendered by the texts themselves, marks included; a placeholder left unfilled is marked as sent
  return [...filled, ...asSent(asks, texts.rtl), ...pages];
}

function areaIds(flowsDir: string): string[] {
  try {
    return Object.keys(readAreas(areasFile(flowsDir)));
  } catch (error) {
    if (error instanceof AreasFileError) return []; // reported by areasInStep
    throw error;
  }
}

/** The partner rows the answers are measured with; a file that is missing or refused is measured without them. */
function partnerRows(file: string, flowsDir: string): PartnerInput[] {
  return existsSync(file) ? readPartnersCsv(readFileSync(file, "utf8"), areaIds(flowsDir)).partners : [];
}

function areasInStep(flowsDir: string, localesDir: string, flows: Flows, texts: LocaleTexts): string[] {
  const file = areasFile(flowsDir);
  try {
    return areaProblems(readAreas(file), flows, texts, { areasFile: file, localesDir });
  } catch (error) {
    if (error instanceof AreasFileError) return [error.message];
    throw error;
  }
}

await runIfScript(import.meta.url, flowsCheckCommand);
