import type { Prisma } from "../../db/database.ts";
import { CATEGORY, where } from "./dashboard-repository.ts";
import type { NeedFilter } from "./dashboard.ts";

/** Needs of one week (its Monday, UTC), area, category and language. */
export interface NeedCell {
  week: Date;
  area: string;
  category: string;
  language: string;
  n: number;
}

/** The filtered needs counted by week, area, category and language, in one scan of the Need table. */
export function needCells(prisma: Prisma, f: NeedFilter): Promise<NeedCell[]> {
  return prisma.$queryRaw<NeedCell[]>`
    SELECT date_trunc('week', "createdAt") AS week, "area", ${CATEGORY} AS category, "language", count(*)::int AS n
      FROM "Need" ${where(f)}
     GROUP BY 1, 2, 3, 4`;
}
