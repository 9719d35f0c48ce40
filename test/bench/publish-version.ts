// A content version as an editor would publish it, for `npm run bench -- --published`: 200 texts of each of the
// 17 locales (as the files have them, so the walks' replies stay the same) and a legal check, written through
// the same repository as a publish, before the server starts.
import { withDatabase } from "../../src/cli/cli-database.ts";
import { insertVersion } from "../../src/domain/content/repository.ts";
import type { Overlay } from "../../src/i18n/content-overlay.ts";
import { readLocales } from "../../src/i18n/texts.ts";
import { translationUnits, translationValue } from "../../src/i18n/translation-units.ts";

await withDatabase(process.env, async (db) => {
  const texts: Overlay = {};
  for (const language of Object.keys(readLocales("locales")))
    texts[language] = Object.fromEntries(
      translationUnits("locales", language, "en")
        .filter((u) => u.target !== undefined)
        .slice(0, 200)
        .map((u) => [u.key, translationValue(u, u.target!)]),
    );
  const editor = await db.prisma.staffUser.create({
    data: { email: `bench-editor-${Date.now()}@example.org`, role: "editor", passwordHash: "-" },
  });
  const number = await db.prisma.$transaction((tx) =>
    insertVersion(
      tx,
      editor.id,
      { texts, legal: { asylum: "2026-11-20" } },
      { action: "content_published", texts: Object.values(texts).reduce((n, t) => n + Object.keys(t).length, 0) },
    ),
  );
  console.log(`content version ${number} published before the bench`);
});
