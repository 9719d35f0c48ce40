import { toAsciiDigits } from "../../engine/index.ts";

export const FACTOR_KINDS = ["pin", "dob"] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];
export const isFactorKind = (value: string): value is FactorKind => (FACTOR_KINDS as readonly string[]).includes(value);

export type Normalized = { ok: true; value: string } | { ok: false; reason: string };

/** "hvn 2024 ٠٠١" -> "HVN2024001": case numbers are typed any way on a phone keyboard. */
export function normalizeCaseNumber(text: string): string {
  return toAsciiDigits(text).normalize("NFKC").toUpperCase().replace(/\s+/g, "");
}

/**
 * What identifies a case: its number without the dashes, slashes, dots and underscores between its parts,
 * which a person easily leaves out or types for another: "demo 1001", "DEMO1001" and "demo-1001" are one.
 */
export function caseKey(caseNumber: string): string {
  return normalizeCaseNumber(caseNumber).replace(/[/._-]+/g, "");
}

/** as normalizeCaseNumber leaves it; its caseKey must hold 3 letters or digits too */
export const CASE_NUMBER = /^[A-Z0-9][A-Z0-9/._-]{2,39}$/;

/** The second factor in one form, so the same PIN or birthday typed differently hashes the same. */
export function normalizeFactor(kind: FactorKind, text: string): Normalized {
  return kind === "pin" ? normalizePin(text) : normalizeDateOfBirth(text);
}

function normalizePin(text: string): Normalized {
  const digits = toAsciiDigits(text).replace(/[\s.-]/g, "");
  return /^\d{4,8}$/.test(digits) ? { ok: true, value: digits } : { ok: false, reason: "a PIN is 4 to 8 digits" };
}

/**
 * 07/03/90: a date whose year has two digits. It is asked again with the year in full rather than
 * guessed (1990 or 2090?) or counted as a wrong answer: nobody is locked out for writing a year short.
 */
export function hasShortYear(text: string): boolean {
  const dm = /^(\d{1,2})[-./ ](\d{1,2})[-./ ]\d{2}$/.exec(toAsciiDigits(text).trim());
  return dm !== null && Number(dm[1]) >= 1 && Number(dm[1]) <= 31 && Number(dm[2]) >= 1 && Number(dm[2]) <= 12;
}

/**
 * 1990-03-07, 07/03/1990, 7.3.1990, 07-03-1990 and 07031990 -> "1990-03-07". Day before month, as
 * written where the help line works; a year of two digits is refused rather than guessed.
 */
export function normalizeDateOfBirth(text: string, today = new Date()): Normalized {
  const t = toAsciiDigits(text).trim();
  const ymd = /^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  const [year, month, day] = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  const reason = "a date of birth is day, month and year, like 07/03/1990";
  if (!year || !month || !day) return { ok: false, reason };
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  if (!real || Number(year) < 1900 || date > today) return { ok: false, reason: "not a possible date of birth" };
  return { ok: true, value: date.toISOString().slice(0, 10) };
}
