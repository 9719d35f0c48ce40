/**
 * A JSON column holding one text per language (a case's next step, a partner's opening hours), read
 * defensively: the column's type cannot promise its shape, so anything but a language -> text entry is left out.
 */
export function textsByLanguage(stored: unknown): Record<string, string> {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === "string"));
}
