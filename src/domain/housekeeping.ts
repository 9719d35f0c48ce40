import type { Prisma } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { forgetOldLookups } from "./cases/service.ts";
import { forgetExpiredErasedSids } from "./contacts/repository.ts";
import { applyNeedRetention } from "./needs/retention.ts";
import { forgetFollowersBefore } from "./cases/news-repository.ts";
import { repeatEvery } from "./repeat.ts";

/** How often the server does its housekeeping. */
const HOUSEKEEPING_EVERY_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

/** NEEDS_TEXT_RETENTION_DAYS (unset: needs' text is kept) and CASE_NEWS_FOLLOW_DAYS. */
export interface HousekeepingSettings {
  needsTextDays: number | undefined;
  caseFollowDays: number;
}

/**
 * What is kept no longer than needed: case lookup attempts the lockout no longer reads, case followers who
 * have not checked it for CASE_NEWS_FOLLOW_DAYS and erased people's hashed MessageSids past their time
 * (always), and the free text of needs older than the retention setting (when set).
 */
export async function runHousekeeping(prisma: Prisma, settings: HousekeepingSettings, now = new Date()) {
  const caseLookups = await forgetOldLookups(prisma, now);
  const caseFollowers = await forgetFollowersBefore(prisma, new Date(now.getTime() - settings.caseFollowDays * DAY_MS));
  const erasedSids = await forgetExpiredErasedSids(prisma, now);
  const needsText = settings.needsTextDays ? await applyNeedRetention(prisma, settings.needsTextDays, now) : undefined;
  return { caseLookups, caseFollowers, erasedSids, needsText };
}

/** The server's one housekeeping job: now, then every hour; stopping waits for a run under way. */
export function startHousekeeping(prisma: Prisma, settings: HousekeepingSettings, log: Logger): () => Promise<void> {
  return repeatEvery(HOUSEKEEPING_EVERY_MS, () =>
    runHousekeeping(prisma, settings)
      .then((r) => {
        if (
          r.caseLookups.attempts ||
          r.caseFollowers ||
          r.erasedSids ||
          r.needsText?.needs ||
          r.needsText?.attachments ||
          r.needsText?.messages ||
          r.needsText?.helpfulness
        )
          log.info({ ...r, ...settings }, "housekeeping: old data removed");
      })
      .catch((err) => log.error({ err }, "housekeeping failed")),
  );
}
