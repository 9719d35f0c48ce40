import { newSession } from "../../src/engine/index.ts";
import { renderPrompt } from "../../src/engine/nodes/ask.ts";
import { Turn } from "../../src/engine/turn.ts";
import { SERVICES } from "../../src/domain/services.ts";
import { bundledFlows, engineContext } from "../support/transcript.ts";

// GSM 03.38: the basic set costs one septet, the extension set two; anything else makes the SMS UCS-2.
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** At most three concatenated segments: 3 × 153 GSM-7 septets, or 3 × 67 UCS-2 code units. */
function smsCost(text: string): { encoding: "GSM-7" | "UCS-2"; length: number; limit: number } {
  const chars = [...text];
  if (chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c))) {
    return { encoding: "GSM-7", length: chars.reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0), limit: 459 };
  }
  return { encoding: "UCS-2", length: text.length, limit: 201 };
}

/** Every message these journeys can send on SMS: says, questions with their options, and retries. */
function smsMessages(flowId: string, language: string, vars: Record<string, string>): [string, string][] {
  const flow = bundledFlows.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  const turn = new Turn(engineContext("sms"), { ...newSession(language), vars }, undefined);
  const out: [string, string][] = [];
  for (const node of flow.nodes.values()) {
    if (node.type === "say") for (const key of typeof node.text === "string" ? [node.text] : node.text) out.push([`${node.id}`, turn.text(key)]);
    if (node.type === "ask") {
      out.push([node.id, renderPrompt(node, turn)]);
      out.push([`${node.id} (retry)`, `${turn.text(node.retry_text ?? "engine.retry")}\n${renderPrompt(node, turn)}`]);
    }
  }
  return out;
}

describe.each(["en", "ar", "fr"])("on SMS in %s, each message of the rights and needs journeys fits in three segments", (language) => {
  test.each(["rights", "report_need"])("%s", (flowId) => {
    const categories = flowId === "report_need" ? SERVICES : ["legal"];
    const messages = new Map(categories.flatMap((category) =>
      smsMessages(flowId, language, { need_category: category, need_reference: "N-7K3P9" }).map(([where, text]) => [text, where])));
    const tooLong = [...messages].map(([text, where]) => ({ where, ...smsCost(text) })).filter((m) => m.length > m.limit);
    expect(tooLong).toEqual([]);
  });
});

test("the counting knows GSM-7 from UCS-2", () => {
  expect(smsCost("Répondez à l'école")).toMatchObject({ encoding: "GSM-7", length: 18 });
  expect(smsCost("Vous êtes [ici]")).toMatchObject({ encoding: "UCS-2", length: 15 });
  expect(smsCost("a€")).toMatchObject({ encoding: "GSM-7", length: 3 });
});

test("Arabic and French have every text of the rights, needs and areas files (no silent English)", async () => {
  const { readLocales } = await import("../../src/i18n/texts.ts");
  const locales = readLocales("locales");
  const keys = (o: unknown, prefix = ""): string[] =>
    typeof o === "object" && o !== null && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1).replace(/_sms$/, "")];
  for (const section of ["rights", "needs", "areas"]) {
    const english = new Set(keys(locales.en?.[section], `${section}.`));
    for (const language of ["ar", "fr"]) expect(new Set(keys(locales[language]?.[section], `${section}.`))).toEqual(english);
  }
});
