import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { normalizeReply } from "../../engine/index.ts";

/** In a partner's areas: serves people wherever they are (a hotline, an online service). */
export const EVERYWHERE = "all";

/** An area id as flows/data/areas.yaml defines it and flows, partners and needs store it. */
export const areaIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "an area id is a lowercase slug");

const areasFileSchema = z
  .strictObject({
    areas: z
      .record(
        areaIdSchema,
        z.strictObject({
          near: z.array(areaIdSchema).default([]),
          names: z.array(z.string().min(1)).default([]),
        }),
      )
      .refine((a) => Object.keys(a).length > 0, "at least one area"),
  })
  .superRefine((file, ctx) => {
    for (const [id, area] of Object.entries(file.areas)) {
      if (id === EVERYWHERE)
        ctx.addIssue({
          code: "custom",
          path: ["areas", id],
          message: `"${EVERYWHERE}" is reserved for partners that serve everywhere`,
        });
      area.near.forEach((other, i) => {
        if (!(other in file.areas))
          ctx.addIssue({ code: "custom", path: ["areas", id, "near", i], message: `no area "${other}"` });
      });
    }
  });

export type Areas = z.infer<typeof areasFileSchema>["areas"];

/** Deployment data beside the flows, in a folder the flow loader does not read. */
export const areasFile = (flowsDir: string) => path.join(flowsDir, "data", "areas.yaml");

/** flows/data/areas.yaml is broken, or out of step with the area labels and menus: start-up stops. */
export class AreasFileError extends Error {}

/** The deployment's areas (flows/data/areas.yaml); a broken file stops start-up naming the problem. */
export function readAreas(file: string): Areas {
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AreasFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = areasFileSchema.safeParse(data);
  if (!parsed.success)
    throw new AreasFileError(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data.areas;
}

/**
 * As replies are read (one case and Arabic-script fold), without
 * accents or harakat, words only: how place names are typed.
 */
function normalizePlace(text: string): string {
  return normalizeReply(text.normalize("NFD").replace(/\p{M}/gu, ""))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// the areas' names and labels are the same for every message: each is normalised once
const normalizedNames = new Map<string, string>();
function normalizedName(name: string): string {
  let n = normalizedNames.get(name);
  if (n === undefined) normalizedNames.set(name, (n = normalizePlace(name)));
  return n;
}

/**
 * The area a free-text answer names ("I am in Mytilene", "في أثينا"), by its id, its other names and
 * its labels in every language; undefined when none or more than one area is named.
 */
export function resolvePlace(text: string, areas: Areas, labels: (id: string) => string[]): string | undefined {
  const padded = ` ${normalizePlace(text)} `;
  const hits = Object.entries(areas)
    .filter(([id, area]) =>
      [id, ...area.names, ...labels(id)].some((name) => {
        const n = normalizedName(name);
        return n.length > 0 && padded.includes(` ${n} `);
      }),
    )
    .map(([id]) => id);
  return hits.length === 1 ? hits[0] : undefined;
}
