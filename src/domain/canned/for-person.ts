import type { Prisma } from "../../db/database.ts";
import { type CannedReply, fillPlaceholders, inLanguage } from "./canned-reply.ts";
import { latestNeedReference, listCanned } from "./repository.ts";

/** A canned reply ready for one person: in their language (or English), placeholders filled. */
export interface CannedChoice {
  id: number;
  name: string;
  language: string;
  text: string;
  /** no text in the person's language: English is offered */
  fallback: boolean;
  /** placeholders left as written, for the caseworker to fill */
  missing: string[];
}

/** An approved template as it would reach this person: its text in their language (or English) and its SID. */
export interface TemplateChoice {
  id: number;
  name: string;
  language: string;
  text: string;
  fallback: boolean;
  contentSid: string;
}

/** What the reply box offers for this person: the canned replies and the approved templates. */
export async function cannedForPerson(
  prisma: Prisma,
  person: { contactId: number; language: string | null },
): Promise<{ replies: CannedChoice[]; templates: TemplateChoice[] }> {
  const [all, reference] = await Promise.all([listCanned(prisma), latestNeedReference(prisma, person.contactId)]);
  const replies = all
    .filter((r) => r.kind === "text")
    .map((r) => {
      const chosen = inLanguage(r, person.language);
      const { text, missing } = fillPlaceholders(chosen.text, { reference });
      return { id: r.id, name: r.name, language: chosen.language, text, fallback: chosen.fallback, missing };
    });
  const templates = all.flatMap((r) => {
    const t = templateFor(r, person.language);
    return t ? [t] : [];
  });
  return { replies, templates };
}

/** A template entry in the person's language (or English), with the Content SID that sends it. */
export function templateFor(reply: CannedReply, language: string | null): TemplateChoice | undefined {
  if (reply.kind !== "template") return undefined;
  const chosen = inLanguage(reply, language);
  const contentSid = reply.contentSids[chosen.language];
  return contentSid ? { id: reply.id, name: reply.name, ...chosen, contentSid } : undefined;
}
