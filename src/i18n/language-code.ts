const displayNames = new Map<string, Intl.DisplayNames>();

/** A language's name in another language ("Arabic", "arabe", "العربية"), the code itself where none is known. */
export function languageName(code: string, inLanguage = "en"): string {
  let names = displayNames.get(inLanguage);
  if (!names)
    displayNames.set(inLanguage, (names = new Intl.DisplayNames([inLanguage], { type: "language", fallback: "code" })));
  return names.of(code) ?? code;
}

/** An ISO 639 code the runtime knows a name for: "el", "fa", "ti"; not "xx" or "english". */
export const isLanguageCode = (code: string) => /^[a-z]{2,3}$/.test(code) && languageName(code) !== code;
