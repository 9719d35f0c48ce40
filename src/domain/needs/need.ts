import { z } from "zod";
import { areaIdSchema } from "../areas/areas.ts";
import { SERVICES } from "../services.ts";

export const URGENCIES = ["today", "week", "can_wait"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** What a flow hands to save_need: the person's answers, as session variables. */
export const needAnswersSchema = z.object({
  category: z.enum(SERVICES),
  urgency: z.enum(URGENCIES),
  /** an area of flows/data/areas.yaml, or "other" with the person's words in area_other */
  area: areaIdSchema,
  area_other: z.string().default(""),
  text: z.string().default(""),
});
