import type { Prisma } from "../../db/database.ts";
import type { Logger } from "../../logger.ts";
import { eraseNeedText } from "./dashboard-repository.ts";

/** How often the server applies the retention setting. */
export const RETENTION_EVERY_MS = 60 * 60_000;

/** Erases the free text of needs reported more than `days` days before `now` (counts are kept). */
export async function applyNeedRetention(prisma: Prisma, days: number, now = new Date()) {
  const before = new Date(now.getTime() - days * 86_400_000);
  return { before, ...(await eraseNeedText(prisma, before, now)) };
}

/** The periodic job in the server: now, then every hour; returns the function that stops it. */
export function startNeedRetention(prisma: Prisma, days: number, log: Logger): () => void {
  const run = () => void applyNeedRetention(prisma, days)
    .then((r) => { if (r.needs || r.attachments) log.info({ ...r, days }, "needs text erased (retention)"); })
    .catch((err) => log.error({ err }, "needs retention failed"));
  run();
  const timer = setInterval(run, RETENTION_EVERY_MS);
  return () => clearInterval(timer);
}
