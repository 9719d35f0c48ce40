import type { Tx } from "../../db/database.ts";
import type { Channel } from "../../channels/profile.ts";
import type { Service } from "../services.ts";
import { eraseNeedWords } from "./dashboard-repository.ts";
import { newNeedReference } from "./reference.ts";
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

/** Tries before giving up on a free reference; with 31^5 codes a clash is already rare. */
const REFERENCE_TRIES = 5;

/**
 * Stores a need and its attachments in the turn's transaction and returns its reference. A reference
 * already taken is skipped before inserting: a failed insert would abort the whole turn's transaction.
 */
export async function createNeed(tx: Tx, need: NewNeed): Promise<{ reference: string }> {
  for (let i = 0; i < REFERENCE_TRIES; i++) {
    const reference = newNeedReference();
    if (await tx.need.findUnique({ where: { reference }, select: { id: true } })) continue;
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
  throw new Error(`no free need reference after ${REFERENCE_TRIES} tries`);
}

/** A person erased their data: their needs keep only what the counts read, and no longer name them. */
export async function forgetNeedsOf(tx: Tx, contactId: number): Promise<number> {
  await eraseNeedWords(tx, { contactId });
  const { count } = await tx.need.updateMany({ where: { contactId }, data: { contactId: null } });
  return count;
}
