import type { Prisma } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { forgetOldLookups } from "./cases/service.ts";
import { forgetExpiredErasedSids } from "./contacts/repository.ts";
import { applyNeedRetention } from "./needs/retention.ts";
import { forgetFollowersBefore } from "./cases/news-repository.ts";
import { repeatEvery } from "./repeat.ts";
import { rollUpJourneys } from "./insights/retention.ts";

/** How often the server does its housekeeping. */
const HOUSEKEEPING_EVERY_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

/** NEEDS_TEXT_RETENTION_DAYS (unset: needs' text is kept), CASE_NEWS_FOLLOW_DAYS, EVENT_RETENTION_DAYS. */
export interface HousekeepingSettings {
  needsTextDays: number | undefined;
  caseFollowDays: number;
  /** journey events older than this become daily counts; a question unanswered this long was left */
  journeys: { days: number; leftAfterSeconds: number };
}

/**
 * What is kept no longer than needed: case lookup attempts the lockout no longer reads, case followers who
 * have not checked it for CASE_NEWS_FOLLOW_DAYS, erased people's hashed MessageSids past their time and
 * journey events past EVENT_RETENTION_DAYS, counted per day instead (always), and the free text of needs older than the retention setting (when set).
 */
export async function runHousekeeping(prisma: Prisma, settings: HousekeepingSettings, now = new Date()) {
  const caseLookups = await forgetOldLookups(prisma, now);
  const caseFollowers = await forgetFollowersBefore(prisma, new Date(now.getTime() - settings.caseFollowDays * DAY_MS));
  const erasedSids = await forgetExpiredErasedSids(prisma, now);
  const journeys = await rollUpJourneys(prisma, settings.journeys, now);
  const needsText = settings.needsTextDays ? await applyNeedRetention(prisma, settings.needsTextDays, now) : undefined;
  return { caseLookups, caseFollowers, erasedSids, journeys, needsText };
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
          r.journeys.events ||
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
