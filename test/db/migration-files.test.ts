import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { MIGRATIONS_DIR } from "../../src/db/migrations.ts";

// Prisma's schema engine on PostgreSQL splits a migration's script at every ";", also one inside a comment, and
// then fails on the rest of the comment as SQL; on PGlite the script runs whole. So the PGlite suite passes with
// such a migration and only test:pg (or a deploy) finds it.
test("no migration has a semicolon inside a comment", () => {
  const found = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const file = path.join(MIGRATIONS_DIR, d.name, "migration.sql");
      return readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ at: `${d.name}/migration.sql:${i + 1}`, comment: line.split("--").slice(1).join("--") }))
        .filter(({ comment }) => comment.includes(";"))
        .map(({ at }) => at);
    });
  expect(found).toEqual([]);
});
