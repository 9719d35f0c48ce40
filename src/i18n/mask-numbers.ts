// A phone number, an ID or card number in free text: a run of 7+ digits with spaces, dots or dashes.
// Digits of any script (\p{Nd}): \d is ASCII only, and people type Arabic-Indic ٠-٩ or Persian ۰-۹ too.
const LONG_NUMBER = /\+?\p{Nd}(?:[\s().-]*\p{Nd}){6,}/gu;

/**
 * Text as staff, exports and logs see it: long numbers are masked. Needs' words shown to analysts, and
 * Twilio's error messages in the log (they quote the number a send was refused for).
 */
export const maskNumbers = (text: string) => text.replace(LONG_NUMBER, "[number]");
