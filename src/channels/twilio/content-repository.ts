import type { Prisma } from "../../db/database.ts";
import type { ContentStore } from "./content-api.ts";

/** Created WhatsApp contents in the database: every process, and every restart, reuses them. */
export function contentStore(prisma: Prisma): ContentStore {
  return {
    async find(key) {
      const row = await prisma.whatsAppContent.findUnique({ where: { key }, select: { contentSid: true } });
      return row?.contentSid;
    },
    async save(key, contentSid) {
      // another process may have created the same content meanwhile: the first one stays, both work
      await prisma.whatsAppContent.createMany({ data: [{ key, contentSid }], skipDuplicates: true });
    },
  };
}
