/**
 * Arabic-script keyboards differ: Farsi/Dari and Urdu speakers often type on Arabic layouts and back, and
 * few type hamza or short vowels. Folded on both sides of a comparison, "بلی" meets "بلي" and "ابدا" "ابدأ".
 */
export function foldArabicScript(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/gu, "") // harakat, superscript alef, tatweel
    .replace(/[أإآٱ]/gu, "ا")
    .replace(/[ىی]/gu, "ي")
    .replace(/ک/gu, "ك");
}
