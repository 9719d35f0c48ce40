import { z } from "zod";
import { isLanguageCode } from "../../i18n/language-code.ts";
import { isService, SERVICES } from "../services.ts";
import { EVERYWHERE } from "../areas/areas.ts";

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, "not a phone number (digits, spaces, + ( ) -)");

/**
 * A partner as imports and staff edits write it, checked against the deployment's areas. Every list
 * names the value it refuses, so a per-row error says what to fix.
 */
export function partnerInputSchema(areaIds: readonly string[]) {
  const oneOf = (what: string, known: (v: string) => boolean, hint: string) =>
    z
      .array(z.string())
      .min(1, `at least one ${what}`)
      .superRefine((values, ctx) => {
        for (const v of values)
          if (!known(v)) ctx.addIssue({ code: "custom", message: `unknown ${what} "${v}" (${hint})` });
      });
  return z
    .strictObject({
      code: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "a code is lowercase letters, digits and dashes (e.g. athens-legal-aid)"),
      name: z.string().trim().min(1, "a name is needed").max(120),
      services: oneOf("service", isService, `one of ${SERVICES.join(", ")}`),
      areas: oneOf(
        "area",
        (a) => a === EVERYWHERE || areaIds.includes(a),
        `one of ${[...areaIds, EVERYWHERE].join(", ")}`,
      ),
      languages: oneOf("language", isLanguageCode, "an ISO 639-1 code such as en, ar, fr, el, fa"),
      phone: phoneSchema.optional(),
      whatsapp: phoneSchema.optional(),
      email: z.email("not an email address").optional(),
      address: z.string().trim().min(1).max(200).optional(),
      hours: z.string().trim().min(1, "opening hours are needed").max(200),
      hoursByLanguage: z.record(z.string(), z.string().trim().min(1).max(200)).default({}),
      active: z.boolean().default(true),
    })
    .refine((p) => p.phone ?? p.whatsapp ?? p.email ?? p.address, {
      message: "no way to reach them: give a phone, whatsapp, email or address",
      path: ["phone"],
    });
}

export type PartnerInput = z.infer<ReturnType<typeof partnerInputSchema>>;
