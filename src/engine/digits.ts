// Zero of each decimal digit block a refugee's phone keyboard may type: Arabic-Indic, Extended
// Arabic-Indic (Persian/Urdu), Devanagari, Bengali, Myanmar, Ethiopic has no zero and no positional digits.
const ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x1040];

/** "١٢" / "۱۲" / "১২" -> "12"; everything else unchanged. */
export function toAsciiDigits(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const zero = ZEROS.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? ch : String(code - zero);
  }
  return out;
}
