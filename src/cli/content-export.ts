// npm run content:export [-- --locales locales]
// Writes the newest published content version back into the locale files and the reviews made in the staff app
// into locales/review.json (src/domain/content/export.ts), for the repository.
import { parseArgs } from "node:util";
import { exportContent } from "../domain/content/export.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export async function contentExportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { locales: { type: "string" } } });
  return withDatabase(io.env, async (db, config) => {
    const dir = values.locales ?? config.LOCALES_DIR;
    const done = await exportContent(db.prisma, dir, config.DEFAULT_LANGUAGE);
    io.out(
      `content version ${done.version}: wrote ${done.files.length} locale files; ${done.reviews} reviews in ${dir}/review.json`,
    );
    return 0;
  });
}

await runIfScript(import.meta.url, contentExportCommand);
