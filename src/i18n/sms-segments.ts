/**
 * What an SMS costs: carriers bill per segment. A text in the GSM-7 alphabet fits 160 characters in one
 * segment (153 per segment once split, the rest carries the joining header); anything else is sent as
 * UCS-2: 70 UTF-16 code units (67 when split). Arabic, Amharic or one emoji turns the whole text UCS-2.
 */
/** Carriers join up to 10 segments, but each is billed: past 3 a text is too long for an SMS. */
export const MAX_SMS_SEGMENTS = 3;

export type SmsEncoding = "GSM-7" | "UCS-2";
export interface SmsSize {
  encoding: SmsEncoding;
  /** septets for GSM-7, UTF-16 code units for UCS-2 */
  units: number;
  segments: number;
}

// GSM 03.38 basic character set (the escape 0x1B itself is not a character a text can hold)
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
// the extension table: each costs two septets (escape + character)
const GSM_EXTENSION = new Set("\f^{}\\[~]|€");

const LIMITS = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
} as const;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return false;
  return true;
}

export function smsSize(text: string): SmsSize {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  // a character's cost; an escape pair or a surrogate pair is never split across two segments
  const costs = [...text].map((ch) => (encoding === "GSM-7" ? (GSM_EXTENSION.has(ch) ? 2 : 1) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}
