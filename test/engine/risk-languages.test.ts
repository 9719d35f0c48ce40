import { bot, handoff, languageSet, transcript, user } from "../support/transcript.ts";

// Risk words several languages list (found in the bundled lists): "violent*" en and fr, "خودکشی" fa, ps
// and ur, and ru and uk list each other's words. A new person is answered in the language they wrote in.
describe("a new person's risk words in several languages' lists", () => {
  transcript("French that English lists too is answered in French", {}, [
    user("mon mari est violent avec moi"),
    languageSet("fr"),
    bot(/numéro d'urgence 112/),
    handoff("risk", true),
  ]);

  transcript("the same word in English is answered in English", {}, [
    user("he is violent with me"),
    languageSet("en"),
    bot(/emergency number 112/),
    handoff("risk", true),
  ]);

  transcript("Farsi, Urdu and Pashto share 'خودکشی': Farsi is answered in Farsi", {}, [
    user("من به خودکشی فکر میکنم"),
    languageSet("fa"),
    bot(/شماره اضطراری 112/),
    handoff("risk", true),
  ]);

  transcript("Urdu in Urdu", {}, [
    user("میں خودکشی کرنا چاہتا ہوں"),
    languageSet("ur"),
    bot(/اگر آپ ابھی خطرے میں ہیں/),
    handoff("risk", true),
  ]);

  transcript("Pashto with 'خودکشي' is answered in Pashto", {}, [
    user("زه غواړم خودکشي وکړم"),
    languageSet("ps"),
    bot(/بیړنۍ شمېرې 112/),
    handoff("risk", true),
  ]);

  transcript("Ukrainian and Russian list each other's words: Ukrainian is answered in Ukrainian", {}, [
    user("мене побили вчора"),
    languageSet("uk"),
    bot(/Якщо ви зараз у небезпеці/),
    handoff("risk", true),
  ]);

  transcript("and Russian in Russian", {}, [
    user("меня избили вчера"),
    languageSet("ru"),
    bot(/Если вы сейчас в опасности/),
    handoff("risk", true),
  ]);

  transcript("one shared word tells no language: the default answers, and the next message starts the welcome", {}, [
    user("violence"),
    bot(/emergency number 112/),
    handoff("risk", true),
    user("bonjour"),
    bot(/Choose your language/),
  ]);
});
