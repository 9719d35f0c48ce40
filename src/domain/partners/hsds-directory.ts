import type { Prisma } from "../../db/database.ts";
import type { IdLabels } from "../id-labels.ts";
import { hsdsOrganization, hsdsService, hsdsServiceSummary } from "./hsds.ts";
import { countPartners, listPartners, partnerByHsdsId } from "./repository.ts";

// The partner directory read as HSDS: the export file and the read API. Partners are public
// information; referrals and anything about a person never pass through here.

/** Every partner as a fully nested service, by name: the file `npm run export:hsds` writes. */
export async function exportHsds(prisma: Prisma, labels: IdLabels) {
  return (await listPartners(prisma)).map((p) => hsdsService(p, labels));
}

/** HSDS's paged response (its OpenAPI's Page with `contents`); pages count from 1. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface PageRequest {
  page: number;
  perPage: number;
}

async function page<T>(prisma: Prisma, at: PageRequest, item: (p: DirectoryPartner) => T): Promise<HsdsPage<T>> {
  const total = await countPartners(prisma);
  const rows = await listPartners(prisma, {}, { skip: (at.page - 1) * at.perPage, take: at.perPage });
  const totalPages = Math.max(1, Math.ceil(total / at.perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: at.page,
    size: rows.length,
    first_page: at.page === 1,
    last_page: at.page >= totalPages,
    empty: rows.length === 0,
    contents: rows.map(item),
  };
}
type DirectoryPartner = Awaited<ReturnType<typeof listPartners>>[number];

/** GET /services: each service's one-to-one fields. */
export const servicesPage = (prisma: Prisma, at: PageRequest) => page(prisma, at, hsdsServiceSummary);

/** GET /organizations: one organization per partner. */
export const organizationsPage = (prisma: Prisma, at: PageRequest, labels: IdLabels) =>
  page(prisma, at, (p) => hsdsOrganization(p, labels));

/** GET /services/{id}: the fully nested service, or null when no partner has that id. */
export async function serviceById(prisma: Prisma, hsdsId: string, labels: IdLabels) {
  const partner = await partnerByHsdsId(prisma, hsdsId);
  return partner ? hsdsService(partner, labels) : null;
}
