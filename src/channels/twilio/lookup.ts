// A send we never heard the end of (a crash mid-send, a connection broken after the request left) is looked up
// in Twilio's Messages list before it is sent again. Twilio's Message resource does not echo our StatusCallback
// URL (where our reference rides), so a message is recognised by recipient, sender, text and time; the outbox
// tells apart the ones it has already recorded (src/outbox/reconcile.ts).
import { z } from "zod";
import type { LookUpResult } from "../message.ts";
import { parseJson, type RestGet } from "./rest.ts";

export interface LookUpQuery {
  /** Twilio's addresses, with the whatsapp: prefix where it goes */
  to: string;
  /** our number, or the Messaging Service that picks one */
  sender: { from: string } | { messagingServiceSid: string };
  /** the text sent; undefined when it went as content, whose rendered body is Twilio's to write */
  body: string | undefined;
  since: Date;
}

/** Twilio stamps date_created to the second and its clock is not ours: a message may read a little older. */
const CLOCK_MARGIN_MS = 60_000;
const PAGE_SIZE = 100;
/** a person's messages over a day or two; more pages than this is not a help line's conversation */
const MAX_PAGES = 20;

const listed = z.object({
  messages: z.array(
    z.looseObject({
      sid: z.string().min(1),
      from: z.string().nullable(),
      body: z.string().nullable(),
      status: z.string(),
      direction: z.string(),
      date_created: z.string(),
      messaging_service_sid: z.string().nullable().optional(),
    }),
  ),
  next_page_uri: z.string().nullable().optional(),
});
type Listed = z.infer<typeof listed>["messages"][number];

/**
 * Twilio's outbound messages that could be this one, oldest first, read through the list's pages. The list is
 * filtered by recipient (and our number) and by day sent; the exact time is checked here on date_created.
 */
export async function lookUpMessages(get: RestGet, endpoint: URL, query: LookUpQuery): Promise<LookUpResult> {
  const after = query.since.getTime() - CLOCK_MARGIN_MS;
  const first = new URL(endpoint);
  first.searchParams.set("To", query.to);
  if ("from" in query.sender) first.searchParams.set("From", query.sender.from);
  // sent as DateSent>=YYYY-MM-DD: "on or after midnight" of that day (GMT)
  first.searchParams.set("DateSent>", new Date(after).toISOString().slice(0, 10));
  first.searchParams.set("PageSize", String(PAGE_SIZE));
  const isIt = (m: Listed) =>
    m.direction.startsWith("outbound") &&
    Date.parse(m.date_created) >= after &&
    ("from" in query.sender
      ? m.from === query.sender.from
      : m.messaging_service_sid === query.sender.messagingServiceSid) &&
    (query.body === undefined || m.body === query.body);
  const found: (Listed & { at: number })[] = [];
  let next: URL | undefined = first;
  for (let page = 0; next; page++) {
    if (page === MAX_PAGES) return { ok: false, code: "lookup", reason: `more than ${MAX_PAGES} pages of messages` };
    let res: Awaited<ReturnType<RestGet>>;
    try {
      res = await get(next);
    } catch (error) {
      return { ok: false, code: "network", reason: error instanceof Error ? error.message : String(error) };
    }
    if (res.status !== 200)
      return { ok: false, code: String(res.status), reason: `HTTP ${res.status} listing messages` };
    const answer = listed.safeParse(parseJson(res.body));
    if (!answer.success)
      return { ok: false, code: "lookup", reason: `unexpected answer from Twilio: ${res.body.slice(0, 200)}` };
    for (const m of answer.data.messages) if (isIt(m)) found.push({ ...m, at: Date.parse(m.date_created) });
    next = answer.data.next_page_uri ? new URL(answer.data.next_page_uri, endpoint) : undefined;
  }
  // newest first as listed; within one second (date_created's grain) the list's order is the only order
  found.reverse().sort((a, b) => a.at - b.at);
  return { ok: true, matches: found.map((m) => ({ providerId: m.sid, status: m.status })) };
}
