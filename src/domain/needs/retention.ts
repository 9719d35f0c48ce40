import type { Prisma } from "../../db/database.ts";
import { eraseNeedText } from "./dashboard-repository.ts";

/**
 * Erases the free text of needs reported more than `days` days before
 * `now`, and the same words in the transcript (counts are kept).
 */
export async function applyNeedRetention(prisma: Prisma, days: number, now = new Date()) {
  const before = new Date(now.getTime() - days * 86_400_000);
  return { before, ...(await eraseNeedText(prisma, before, now)) };
}
