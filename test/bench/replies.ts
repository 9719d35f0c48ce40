import type { SentMessage, TwilioStandIn } from "../support/twilio-standin.ts";
import type { Posted, SignedRequest } from "./load-generator.ts";
import { type Said, signedWebhooks, walkMenu } from "./load.ts";

/** The replies one person's walk brings, step by step, as one person walking alone received them. */
export type Expected = string[][];

/** Reference numbers differ per person (a need's N-FWSYQ): compared masked. */
const masked = (body: string) => body.replace(/\b[A-Z]{1,4}-[A-Z0-9]{3,}\b/g, "<ref>");

/** One walk alone, each step posted once the last one's replies stopped coming (300 ms quiet). */
export async function calibrate(
  post: (request: SignedRequest) => Promise<unknown>,
  twilio: TwilioStandIn,
  from: string,
  script: string[],
): Promise<Expected> {
  const expected: Expected = [];
  for (const request of signedWebhooks(walkMenu(from, 1, script))) {
    const before = twilio.sent.length;
    await post(request);
    let seen = -1;
    while (seen !== twilio.sent.length) {
      seen = twilio.sent.length;
      await new Promise((r) => setTimeout(r, 300));
    }
    expected.push(twilio.sent.slice(before).map((m) => m.body));
  }
  return expected;
}

/** Map.groupBy, which Node 20 lacks */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** How long people waited: from the webhook's post to the first and to the last reply of that message, in ms. */
export interface Waits {
  first: number[];
  last: number[];
}

/**
 * Every person in `said` received exactly the expected replies in order, none missing and none twice; throws
 * naming the first people who did not. Returns how long each message waited for its replies.
 */
export function checkReplies(sent: SentMessage[], said: Said[], posted: Posted[], expected: Expected): Waits {
  const steps = groupBy(
    said.map((_, i) => i),
    (i) => said[i]!.from,
  );
  const received = groupBy(sent, (m) => m.to);
  const want = expected.flat().map(masked);
  const problems: string[] = [];
  const waits: Waits = { first: [], last: [] };
  for (const [person, indices] of steps) {
    const got = received.get(person) ?? [];
    const wrongAt = want.findIndex((body, i) => masked(got[i]?.body ?? "") !== body);
    if (got.length !== want.length || wrongAt >= 0) {
      const where = wrongAt >= 0 ? `, reply ${wrongAt + 1} was ${JSON.stringify(got[wrongAt]?.body.slice(0, 40))}` : "";
      problems.push(`${person}: ${got.length} replies of ${want.length}${where}`);
      continue;
    }
    let at = 0;
    indices.forEach((index, step) => {
      const count = expected[step]!.length;
      if (count === 0) return;
      waits.first.push(got[at]!.at - posted[index]!.at);
      waits.last.push(got[at + count - 1]!.at - posted[index]!.at);
      at += count;
    });
  }
  if (problems.length > 0)
    throw new Error(
      `${problems.length} of ${steps.size} people did not get their replies:\n${problems.slice(0, 5).join("\n")}`,
    );
  return waits;
}

/**
 * Waits until the stand-in has `count` messages in all, or nothing new came for `quietMs` (then checkReplies says
 * who lacks what).
 */
export async function settle(twilio: TwilioStandIn, count: number, quietMs = 20_000): Promise<void> {
  let seen = twilio.sent.length;
  let since = Date.now();
  while (twilio.sent.length < count && Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    if (twilio.sent.length !== seen) [seen, since] = [twilio.sent.length, Date.now()];
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
