import { bot, handoff, languageSet, transcript, user } from "../support/transcript.ts";

// Urdu and Bengali risk words: everyday inflections hand over at once; everyday words that look alike do not.
describe("protection risk in Urdu and Bengali", () => {
  transcript("Urdu: 'he beats me' hands over, urgent", { lang: "ur" }, [
    user("میرا شوہر مجھے مارتا ہے"),
    bot(/ایمرجنسی نمبر 112/),
    handoff("risk", true),
  ]);

  transcript("Urdu: a stomach ache is not a beating (پیٹ is 'stomach', پیٹنا 'to beat')", { lang: "ur" }, [
    user("hi"),
    bot(/ہم کیسے مدد کریں/),
    user("مجھے پیٹ میں درد ہے"),
    bot(/معاف کیجیے، سمجھ نہیں آیا/),
  ]);

  transcript("Bengali: a word with its ending, for a new person, answered in Bengali", {}, [
    user("ওরা আমাকে হুমকি দিচ্ছে"),
    languageSet("bn"),
    bot(/জরুরি নম্বর 112/),
    handoff("risk", true),
  ]);

  // the matcher drops Bengali vowel signs, so মারা ('died') and মারে ('beats') meet: only 'beats me' is listed
  transcript("Bengali: 'my father died' is not a risk", { lang: "bn" }, [
    user("hi"),
    bot(/আমরা কীভাবে সাহায্য করতে পারি/),
    user("আমার বাবা মারা গেছে"),
    bot(/দুঃখিত, বুঝতে পারিনি/),
  ]);

  transcript("Urdu for a new person, answered in Urdu", {}, [
    user("وہ مجھے دھمکاتا ہے"),
    languageSet("ur"),
    bot(/ایمرجنسی نمبر 112/),
    handoff("risk", true),
  ]);
});
