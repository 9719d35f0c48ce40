import type { Prisma } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { forgetOldLookups } from "./cases/service.ts";
import { forgetExpiredErasedSids } from "./contacts/repository.ts";
import { applyNeedRetention } from "./needs/retention.ts";

/** How often the server does its housekeeping. */
const HOUSEKEEPING_EVERY_MS = 60 * 60_000;

/** NEEDS_TEXT_RETENTION_DAYS; unset: needs' text is kept. */
export interface HousekeepingSettings {
  needsTextDays: number | undefined;
}

/**
 * What is kept no longer than needed: case lookup attempts the lockout no longer reads and erased
 * people's hashed MessageSids past their time (always), and the free text of needs older than the
 * retention setting (when set).
 */
export async function runHousekeeping(prisma: Prisma, settings: HousekeepingSettings, now = new Date()) {
  const caseLookups = await forgetOldLookups(prisma, now);
  const erasedSids = await forgetExpiredErasedSids(prisma, now);
  const needsText = settings.needsTextDays ? await applyNeedRetention(prisma, settings.needsTextDays, now) : undefined;
  return { caseLookups, erasedSids, needsText };
}

/** The server's one housekeeping job: now, then every hour; stopping waits for a run under way. */
export function startHousekeeping(prisma: Prisma, settings: HousekeepingSettings, log: Logger): () => Promise<void> {
  let running = Promise.resolve();
  const run = () => {
    running = runHousekeeping(prisma, settings)
      .then((r) => {
        if (
          r.caseLookups.attempts ||
          r.erasedSids ||
          r.needsText?.needs ||
          r.needsText?.attachments ||
          r.needsText?.messages
        )
          log.info({ ...r, ...settings }, "housekeeping: old data removed");
      })
      .catch((err) => log.error({ err }, "housekeeping failed"));
  };
  run();
  const timer = setInterval(run, HOUSEKEEPING_EVERY_MS);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
