import type { Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";
import type { Service } from "../services.ts";
import { eraseNeedWords } from "./dashboard-repository.ts";
import { freeReference } from "../reference.ts";
import type { Urgency } from "./need.ts";

export interface NewNeed {
  contactId: number;
  category: Service;
  urgency: Urgency;
  area: string;
  areaOther: string | null;
  text: string;
  language: string;
  channel: Channel;
  /** the description named a protection risk (the conversation went to a caseworker, urgent) */
  risk: boolean;
  attachments: { url: string; contentType: string }[];
}

/** Stores a need and its attachments in the turn's transaction and returns its reference. */
export async function createNeed(tx: Tx, need: NewNeed): Promise<{ reference: string }> {
  const reference = await freeReference(
    "N",
    async (r) => (await tx.need.findUnique({ where: { reference: r }, select: { id: true } })) !== null,
  );
  const { attachments, ...fields } = need;
  return tx.need.create({
    data: {
      ...fields,
      reference,
      attachments: { create: attachments.map((a) => ({ url: a.url, contentType: a.contentType })) },
    },
    select: { reference: true },
  });
}

/** A person erased their data: their needs keep only what the counts read, and no longer name them. */
export async function forgetNeedsOf(tx: Tx, contactId: number): Promise<number> {
  await eraseNeedWords(tx, { contactId });
  const { count } = await tx.need.updateMany({ where: { contactId }, data: { contactId: null } });
  return count;
}
