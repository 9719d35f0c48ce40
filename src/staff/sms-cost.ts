import { MAX_SMS_SEGMENTS, smsSize } from "../i18n/sms-segments.ts";
import { type Html, html } from "./html.ts";
import type { StaffText } from "./staff-text.ts";

/**
 * What a text costs as an SMS, as a badge: "2 SMS segments (UCS-2, 80 units)". Past MAX_SMS_SEGMENTS it is urgent
 * and says `overKey`'s advice, unless the page gives none (a shorter text goes by SMS instead); `more` is added.
 */
export function smsCostBadge({ t }: StaffText, text: string, overKey: string | undefined, more = ""): Html {
  const size = smsSize(text);
  const note = t(size.encoding === "GSM-7" ? "smsCost.segmentsGsm" : "smsCost.segmentsUcs", {
    count: size.segments,
    encoding: size.encoding,
    units: size.units,
  });
  return overKey && size.segments > MAX_SMS_SEGMENTS
    ? html`<span class="badge urgent">${t(overKey, { note, max: MAX_SMS_SEGMENTS })}</span>`
    : html`<span class="badge">${note}${more}</span>`;
}
