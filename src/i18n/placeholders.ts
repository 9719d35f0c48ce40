/** An i18next interpolation, `{{name}}` or `{{name, format}}`: the name is the first group. */
export const PLACEHOLDER = /\{\{\s*([^},\s]+)[^}]*\}\}/g;

/** The names a text interpolates, each once, sorted. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}
