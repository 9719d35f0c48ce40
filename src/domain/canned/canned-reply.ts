import { z } from "zod";
import { CONTENT_SID_PATTERN } from "../../channels/twilio/content-sid.ts";
import { textsByLanguage } from "../texts-by-language.ts";

/** A canned reply's language when the person's has no text: every reply has one (admins must write it). */
export const CANNED_FALLBACK = "en";
/** A name is picked from a list in the reply box: a few words. */
export const MAX_CANNED_NAME = 60;
/** The same limit as a reply typed by hand (Twilio refuses longer bodies). */
export const MAX_CANNED_TEXT = 1600;

export const CANNED_KINDS = ["text", "template"] as const;
export type CannedKind = (typeof CANNED_KINDS)[number];

/**
 * What a caseworker's reply may leave for the app to fill. `name_of_line` is not offered: no setting holds
 * the line's name yet, and a placeholder that can never be filled would go out as braces.
 */
export const PLACEHOLDERS = ["reference"] as const;
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

export interface CannedReply {
  id: number;
  name: string;
  kind: CannedKind;
  /** language -> text */
  texts: Record<string, string>;
  /** language -> Twilio Content SID (templates) */
  contentSids: Record<string, string>;
}

/** A stored row, its JSON columns read defensively (the column type cannot promise their shape). */
export const cannedFromRow = (row: {
  id: number;
  name: string;
  kind: string;
  texts: unknown;
  contentSids: unknown;
}): CannedReply => ({
  id: row.id,
  name: row.name,
  kind: row.kind === "template" ? "template" : "text",
  texts: textsByLanguage(row.texts),
  contentSids: textsByLanguage(row.contentSids),
});

/**
 * The admin's form, for the languages we speak: `text_<lng>` and, for a template, `sid_<lng>`. An empty
 * field is no text in that language. English is required; a template needs a Content SID beside each text
 * (and only there); placeholders are the known ones (a template's variables are Twilio's, so it has none).
 */
export function cannedFormSchema(languages: readonly string[]) {
  const text = z.string().trim().max(MAX_CANNED_TEXT, `at most ${MAX_CANNED_TEXT} characters`).optional();
  const sid = z
    .string()
    .trim()
    .regex(new RegExp(`^(${CONTENT_SID_PATTERN})?$`), "a Content SID is HX and 32 hexadecimal characters")
    .optional();
  const fields = Object.fromEntries(
    languages.flatMap((l) => [[`text_${l}`, text] as const, [`sid_${l}`, sid] as const]),
  );
  return z
    .object({
      name: z.string().trim().min(1, "give it a name").max(MAX_CANNED_NAME, `at most ${MAX_CANNED_NAME} characters`),
      kind: z.enum(CANNED_KINDS),
      ...fields,
    })
    .transform((form, ctx) => {
      const read = (prefix: string) =>
        Object.fromEntries(
          languages.flatMap((l) => {
            const v = Reflect.get(form, `${prefix}${l}`);
            return typeof v === "string" && v ? [[l, v]] : [];
          }),
        );
      const texts = read("text_");
      const contentSids = form.kind === "template" ? read("sid_") : {};
      if (!texts[CANNED_FALLBACK])
        ctx.addIssue({ code: "custom", path: [`text_${CANNED_FALLBACK}`], message: "English is required" });
      for (const [language, t] of Object.entries(texts)) {
        const unknown = placeholdersIn(t).filter((p) => form.kind === "template" || !isPlaceholder(p));
        if (unknown.length > 0)
          ctx.addIssue({
            code: "custom",
            path: [`text_${language}`],
            message:
              form.kind === "template"
                ? "a template's text is shown as Twilio approved it: no {{…}} here"
                : `unknown placeholder ${unknown.map((p) => `{{${p}}}`).join(", ")} (known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")})`,
          });
      }
      if (form.kind === "template")
        for (const l of new Set([...Object.keys(texts), ...Object.keys(contentSids)]))
          if (!texts[l] || !contentSids[l])
            ctx.addIssue({
              code: "custom",
              path: [`sid_${l}`],
              message: "a template needs its text and its Content SID",
            });
      return { name: form.name, kind: form.kind, texts, contentSids };
    });
}
export type CannedInput = Omit<CannedReply, "id">;

const isPlaceholder = (p: string): p is (typeof PLACEHOLDERS)[number] =>
  (PLACEHOLDERS as readonly string[]).includes(p);
const placeholdersIn = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");

/** The text for a person: in their language if the reply has it, else English (`fallback` says so). */
export function inLanguage(
  reply: CannedReply,
  language: string | null,
): { language: string; text: string; fallback: boolean } {
  const own = language ? reply.texts[language] : undefined;
  if (language && own) return { language, text: own, fallback: false };
  return { language: CANNED_FALLBACK, text: reply.texts[CANNED_FALLBACK] ?? "", fallback: true };
}

/**
 * Placeholders filled with what is known about the person; one with no value stays as it is written, so the
 * caseworker sees it and edits it before sending. `missing` names those.
 */
export function fillPlaceholders(
  text: string,
  values: Partial<Record<(typeof PLACEHOLDERS)[number], string>>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = isPlaceholder(name) ? values[name] : undefined;
    if (value) return value;
    missing.add(name);
    return whole;
  });
  return { text: filled, missing: [...missing] };
}
