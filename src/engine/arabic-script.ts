/**
 * Arabic-script keyboards differ: Farsi/Dari and Urdu speakers often type on Arabic layouts and back, and
 * few type hamza or short vowels; a final ta marbuta is commonly typed as heh ("مساعده" for "مساعدة").
 * Folded on both sides of a comparison (reply words and risk words alike), "بلی" meets "بلي", "ابدا" "ابدأ"
 * and "القائمه" "القائمة".
 */
export function foldArabicScript(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/gu, "") // harakat, superscript alef, tatweel
    .replace(/[أإآٱ]/gu, "ا")
    .replace(/[ىی]/gu, "ي")
    .replace(/ک/gu, "ك")
    .replace(/ة/gu, "ه");
}
