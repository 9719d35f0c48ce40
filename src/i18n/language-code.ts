const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** An ISO 639 code the runtime knows a name for: "el", "fa", "ti"; not "xx" or "english". */
export const isLanguageCode = (code: string) => /^[a-z]{2,3}$/.test(code) && languageNames.of(code) !== code;
