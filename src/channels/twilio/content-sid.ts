/**
 * A Twilio Content SID (an approved WhatsApp template, or content we created): HX and 32 hexadecimal digits.
 * Here, below every layer that checks one (config, the canned replies' form, the Content API's answer).
 */
export const CONTENT_SID_PATTERN = "HX[0-9a-fA-F]{32}";
export const CONTENT_SID = new RegExp(`^${CONTENT_SID_PATTERN}$`);
