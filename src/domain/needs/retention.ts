import type { Prisma } from "../../db/database.ts";
import { eraseMissingWords } from "../helpfulness/repository.ts";
import { eraseNeedText } from "./dashboard-repository.ts";

/**
 * Erases the free text of needs reported more than `days` days before `now`, the same words in the
 * transcript, and what people said was missing after "Did this help?" (counts are kept).
 */
export async function applyNeedRetention(prisma: Prisma, days: number, now = new Date()) {
  const before = new Date(now.getTime() - days * 86_400_000);
  const needs = await eraseNeedText(prisma, before, now);
  // what was missing, after "Did this help? No", is the person's own words too
  return { before, ...needs, helpfulness: await eraseMissingWords(prisma, before, now) };
}
