import type { Tx } from "../../db/database.ts";

/** An erasure: the person's journey events stay for the counts, no longer linked to them (no foreign key does it). */
export async function forgetJourneysOf(tx: Tx, contactId: number): Promise<number> {
  return (await tx.journeyEvent.updateMany({ where: { contactId }, data: { contactId: null } })).count;
}
