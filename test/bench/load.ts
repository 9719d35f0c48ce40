import { PUBLIC_BASE_URL, AUTH_TOKEN } from "../support/harness.ts";
import { inboundForm, signedRequest } from "../support/twilio-signing.ts";

export interface Said {
  from: string;
  body: string;
}

/**
 * `contacts` people each sending `script`, step by step: everyone's first message, then everyone's
 * second… so one person's messages are posted far apart and accepted in their order even under load.
 */
export function walkMenu(prefix: string, contacts: number, script: string[]): Said[] {
  const people = phones(prefix, contacts);
  return script.flatMap((body) => people.map((from) => ({ from, body })));
}

/**
 * The same walks, staggered as people arrive on a real line: the i-th person starts `i mod script.length` rounds
 * late, so once all have started every round holds every step (a case lookup is one message in `script.length`),
 * instead of all of them typing the same step, say their PIN, within the same half second. A person's messages
 * are still a round apart.
 */
export function walkStaggered(prefix: string, contacts: number, script: string[]): Said[] {
  const people = phones(prefix, contacts);
  return Array.from({ length: script.length * 2 - 1 }, (_, round) =>
    people.flatMap((from, i) => {
      const step = round - (i % script.length);
      return step >= 0 && step < script.length ? [{ from, body: script[step]! }] : [];
    }),
  ).flat();
}

const phones = (prefix: string, contacts: number) =>
  Array.from({ length: contacts }, (_, i) => `${prefix}${String(i).padStart(6, "0")}`);

/** Webhook requests signed exactly as Twilio signs them, each with who sends it. */
export function signedWebhooks(said: Said[]): { body: string; headers: Record<string, string>; person: string }[] {
  return said.map((s) => ({
    ...signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, inboundForm({ from: s.from, body: s.body })),
    person: s.from,
  }));
}
