// npm run content:export [-- --locales locales]
// Writes the newest published content version back into the locale files and the reviews made in the staff app
// into locales/review.json (src/domain/content/export.ts), for the repository.
import { parseArgs } from "node:util";
import { exportContent } from "../domain/content/export.ts";
import { withDatabase } from "./cli-database.ts";

const { values } = parseArgs({ options: { locales: { type: "string" } } });

await withDatabase(async (db, config) => {
  const dir = values.locales ?? config.LOCALES_DIR;
  const done = await exportContent(db.prisma, dir, config.DEFAULT_LANGUAGE);
  console.log(
    `content version ${done.version}: wrote ${done.files.length} locale files; ${done.reviews} reviews in ${dir}/review.json`,
  );
});
