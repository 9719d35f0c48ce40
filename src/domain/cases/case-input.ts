import { z } from "zod";
import { CASE_NUMBER, caseKey, FACTOR_KINDS, normalizeCaseNumber, normalizeFactor } from "./normalize.ts";

/** Where a case stands: the resettlement stages, plus the steps before and after them. */
const STAGES = [
  "registered",
  "interview_scheduled",
  "identification",
  "referral",
  "processing",
  "acceptance",
  "travel",
  "reception_integration",
  "decision",
  "closed",
] as const;
export type Stage = (typeof STAGES)[number];
export const isStage = (value: string): value is Stage => (STAGES as readonly string[]).includes(value);

/** "Interview scheduled" / "interview-scheduled" -> "interview_scheduled": staff type stages by hand in CSV files. */
const slug = (v: unknown) =>
  typeof v === "string"
    ? v
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_")
    : v;

const noteSchema = z
  .string()
  .trim()
  .max(300, "at most 300 characters: it is read on a phone")
  // the note goes into an i18next text: nesting and interpolation markers would be read as such
  .refine((s) => !s.includes("$t(") && !s.includes("{{"), "must not contain $t( or {{");

/** With an offset (Z or +03:00), so an appointment means the same hour wherever it is read. */
const dateTimeSchema = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/,
    "a date and time with its offset, like 2027-03-07T10:00+03:00",
  )
  .transform((s) => new Date(s.replace(" ", "T")))
  .refine((d) => !Number.isNaN(d.getTime()), "not a real date");

/**
 * One case as staff or a case management system send it. The factor comes in clear and leaves this
 * schema normalised, ready to hash; it may be left out to keep the one stored (an update of the stage).
 */
export const caseInputSchema = z
  .strictObject({
    caseNumber: z
      .string()
      .transform(normalizeCaseNumber)
      .refine(
        (n) => CASE_NUMBER.test(n) && caseKey(n).length >= 3,
        "3 to 40 letters, digits, - / . or _, at least 3 of them letters or digits",
      ),
    factorKind: z.preprocess(slug, z.enum(FACTOR_KINDS)).optional(),
    factor: z.string().min(1).optional(),
    stage: z.preprocess(slug, z.enum(STAGES)),
    nextAppointment: dateTimeSchema.nullish(),
    /** one note, or one per language: {"default": "…", "ar": "…"} */
    nextStep: z
      .union([
        noteSchema.transform((s) => ({ default: s })),
        z.record(z.string().regex(/^(default|[a-z]{2,3})$/, "a language code or default"), noteSchema),
      ])
      .default({}),
  })
  .transform((c, ctx) => {
    const base = {
      caseNumber: c.caseNumber,
      stage: c.stage,
      nextAppointment: c.nextAppointment ?? null,
      nextStep: Object.fromEntries(Object.entries(c.nextStep).filter(([, note]) => note !== "")),
    };
    if (c.factorKind === undefined && c.factor === undefined) return { ...base, factor: undefined };
    if (c.factorKind === undefined || c.factor === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [c.factor === undefined ? "factor" : "factorKind"],
        message: "factor_kind and factor go together",
      });
      return z.NEVER;
    }
    const factor = normalizeFactor(c.factorKind, c.factor);
    if (!factor.ok) {
      ctx.addIssue({ code: "custom", path: ["factor"], message: factor.reason });
      return z.NEVER;
    }
    return { ...base, factor: { kind: c.factorKind, value: factor.value } };
  });

export type CaseInput = z.output<typeof caseInputSchema>;
