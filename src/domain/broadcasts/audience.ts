// Who a broadcast goes to: filters over the people who wrote to the line. Never anyone who sent STOP, said no to
// being written to first, or erased their data (their contact is gone).
import { z } from "zod";
import { CHANNELS } from "../../channels/profile.ts";
import { Prisma as Sql } from "../../db/generated/client.ts";

export const audienceSchema = z.object({
  /** none: every language */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(50)
    .default([]),
  /** none: both channels */
  channels: z.array(z.enum(CHANNELS)).max(2).default([]),
  /** area ids people gave when they reported a need (flows/data/areas.yaml); none: anywhere */
  areas: z.array(z.string().min(1).max(64)).max(200).default([]),
  /** wrote to the line within this many days; unset: ever */
  lastContactDays: z.number().int().positive().max(3650).optional(),
  /** only people who said yes to "may we write to you first?"; otherwise also those who never answered */
  optedInOnly: z.boolean().default(true),
});
export type Audience = z.infer<typeof audienceSchema>;

/** The audience as a condition on "Contact" c; a person with no language yet counts as the default's. */
export function audienceWhere(a: Audience, defaultLanguage: string): Sql.Sql {
  const conditions = [
    Sql.sql`NOT c."optedOut"`,
    a.optedInOnly ? Sql.sql`c."updatesConsent"` : Sql.sql`c."updatesConsent" IS DISTINCT FROM false`,
  ];
  if (a.languages.length)
    conditions.push(Sql.sql`COALESCE(c.language, ${defaultLanguage}) = ANY(${a.languages}::text[])`);
  if (a.channels.length) conditions.push(Sql.sql`c.channel = ANY(${a.channels}::text[])`);
  if (a.lastContactDays)
    conditions.push(Sql.sql`c."lastInboundAt" >= now() - make_interval(days => ${a.lastContactDays})`);
  if (a.areas.length)
    conditions.push(
      Sql.sql`EXISTS (SELECT 1 FROM "Need" n WHERE n."contactId" = c.id AND n.area = ANY(${a.areas}::text[]))`,
    );
  return Sql.join(conditions, " AND ");
}
