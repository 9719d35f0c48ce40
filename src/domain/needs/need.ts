import { z } from "zod";
import { SERVICES } from "../services.ts";

export const URGENCIES = ["today", "week", "can_wait"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** An area id as the flows name it (locales/<language>/areas.json), or "other" with the person's words. */
const areaIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "an area id is a lowercase slug");

/** What a flow hands to save_need: the person's answers, as session variables. */
export const needAnswersSchema = z.object({
  category: z.enum(SERVICES),
  urgency: z.enum(URGENCIES),
  area: areaIdSchema,
  area_other: z.string().default(""),
  text: z.string().default(""),
});
