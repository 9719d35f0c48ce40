// npm run retention: the server's hourly housekeeping, once now. Deletes case lookup attempts the lockout no
// longer reads and case followers past CASE_NEWS_FOLLOW_DAYS, turns journey events past EVENT_RETENTION_DAYS into
// daily counts and, when NEEDS_TEXT_RETENTION_DAYS is set, erases the free text of needs older than that. With the
// embedded database, stop the server first.
import { housekeepingOf } from "../config.ts";
import { runHousekeeping } from "../domain/housekeeping.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export const retentionCommand = (_args: string[], io: CliIo): Promise<number> =>
  withDatabase(io.env, async (db, config) => {
    const { caseLookups, caseFollowers, journeys, needsText } = await runHousekeeping(
      db.prisma,
      housekeepingOf(config),
    );
    io.out(`Case lookup attempts before ${caseLookups.before.toISOString()}: ${caseLookups.attempts} deleted.`);
    io.out(`Case followers who last checked over ${config.CASE_NEWS_FOLLOW_DAYS} days ago: ${caseFollowers} removed.`);
    io.out(`Journey events before ${journeys.before.toISOString()}: ${journeys.events} counted per day and deleted.`);
    io.out(
      needsText
        ? `Needs reported before ${needsText.before.toISOString()}: the text of ${needsText.needs} erased, ${needsText.attachments} attachments removed, ${needsText.messages} of the person's messages emptied in transcripts, ${needsText.helpfulness} answers to "Did this help?" emptied of what was missing.`
        : "NEEDS_TEXT_RETENTION_DAYS is not set: needs' text is kept.",
    );
    return 0;
  });

await runIfScript(import.meta.url, retentionCommand);
