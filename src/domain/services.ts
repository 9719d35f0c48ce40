/**
 * The fixed taxonomy of help, shared by partner organisations (what they offer) and by needs (what
 * people ask for), so a need can be matched to a partner. Labels live in locales/<language>/services.json.
 */
export const SERVICES = [
  "health", "mental_health", "legal", "shelter", "food", "cash", "education",
  "child_protection", "gbv", "womens_health", "documentation", "livelihoods",
] as const;

export type Service = (typeof SERVICES)[number];

/** A service's label is this and its id; flows:check counts them as used. */
export const SERVICE_TEXTS = "services.";

export const isService = (value: string): value is Service => (SERVICES as readonly string[]).includes(value);
