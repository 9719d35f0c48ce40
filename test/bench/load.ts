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
  const phones = Array.from({ length: contacts }, (_, i) => `${prefix}${String(i).padStart(6, "0")}`);
  return script.flatMap((body) => phones.map((from) => ({ from, body })));
}

/** Webhook requests signed exactly as Twilio signs them, each with who sends it. */
export function signedWebhooks(said: Said[]): { body: string; headers: Record<string, string>; person: string }[] {
  return said.map((s) => ({
    ...signedRequest(AUTH_TOKEN, `${PUBLIC_BASE_URL}/webhooks/twilio`, inboundForm({ from: s.from, body: s.body })),
    person: s.from,
  }));
}
