import type { Prisma } from "../../src/db/database.ts";
import { freshPhone, hear, type LiveStep, say } from "./live-transcript.ts";

export interface NeedSpec {
  category?: string;
  urgency?: string;
  area?: string;
  areaOther?: string;
  language?: string;
  channel?: string;
  status?: string;
  text?: string;
  createdAt?: Date;
  attachments?: number;
}

let refs = 0;
/** Needs as the bot stores them, each from a contact with a real-looking phone number (returned). */
export async function seedNeeds(prisma: Prisma, specs: NeedSpec[]): Promise<{ ids: number[]; phones: string[] }> {
  const ids: number[] = [];
  const phones: string[] = [];
  for (const s of specs) {
    const phone = freshPhone();
    const channel = s.channel ?? "whatsapp";
    const contact = await prisma.contact.create({ data: { channel, address: phone } });
    const need = await prisma.need.create({
      data: {
        reference: `N-T${String(++refs).padStart(4, "0")}`,
        contactId: contact.id,
        category: s.category ?? "shelter",
        urgency: s.urgency ?? "week",
        area: s.area ?? "athens",
        areaOther: s.areaOther,
        text: s.text ?? `need from ${phone}`.replace(phone, "me"),
        language: s.language ?? "ar",
        channel,
        status: s.status ?? "new",
        createdAt: s.createdAt ?? new Date(),
        attachments: {
          create: Array.from({ length: s.attachments ?? 0 }, (_, i) => ({
            url: `https://api.twilio.com/media/${refs}-${i}`,
            contentType: "audio/ogg",
          })),
        },
      },
    });
    ids.push(need.id);
    phones.push(phone);
  }
  return { ids, phones };
}

export const times = <T>(n: number, spec: T): T[] => Array.from({ length: n }, () => spec);

/** An English speaker reporting a need up to the question where they are: the menu's 4, then the category and urgency picked, then the area's reply. */
export const reportNeedSteps = (category: string, urgency: string, area: string): LiveStep[] => [
  say("hi"),
  hear(/How can we help/),
  say("4"),
  hear(/What do you need help with/),
  say(category),
  hear(/How soon/),
  say(urgency),
  hear(/Where are you/),
  say(area),
];
