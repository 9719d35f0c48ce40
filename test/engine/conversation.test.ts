import { bot, event, handoff, languageSet, transcript, user, welcomeEnd } from "../support/transcript.ts";

describe("welcome and language", () => {
  transcript("a greeting is not enough to guess: the person picks from a list in each script", {}, [
    user("hi"),
    bot(/Choose your language[\s\S]*\n1\. English\n\u200e2\. العربية\n3\. Français/),
    user("3"),
    languageSet("fr"),
    bot("Nous vous écrirons en français"),
    bot(/Bienvenue/),
    ...welcomeEnd("fr"),
  ]);

  transcript("Arabic is recognised from the script and confirmed", {}, [
    user("السلام عليكم أحتاج مساعدة"),
    languageSet("ar"),
    bot(/سنكتب لك بالعربية. هل هذا مناسب؟\n\u200f1\. نعم\n\u200f2\. لغة أخرى/),
    user("١"),
    bot(/أهلاً بك/),
    ...welcomeEnd("ar"),
  ]);

  transcript("a wrong guess is corrected by choosing another language", {}, [
    user("Bonjour, je cherche de l'aide pour mes papiers"),
    languageSet("fr"),
    bot(/Nous vous écrirons en français/),
    user("2"),
    bot(/Choose your language/),
    user("english"),
    languageSet("en"),
    bot("We will write in English"),
    bot(/Welcome/),
    ...welcomeEnd("en"),
  ]);

  transcript("LANG changes the language at any point, then the menu comes back", { lang: "en" }, [
    user("hello"),
    bot(/How can we help/),
    user("LANG"),
    bot(/Choose your language/),
    user("۲"),
    languageSet("ar"),
    bot("سنكتب لك بالعربية"),
    bot(/كيف يمكننا مساعدتك/),
  ]);

  transcript("keywords in Turkish capitals: DİL (LANG) opens the language list", { lang: "tr" }, [
    user("merhaba"),
    bot(/Nasıl yardımcı/),
    user("DİL"),
    bot(/\n1\. English/),
  ]);
});

describe("main menu", () => {
  transcript("menus take Arabic-Indic and Persian digits and the option's words", { lang: "ar" }, [
    user("مرحبا"),
    bot(/\u200f1\. اعرف حقوقك/),
    user("٢"),
    bot(/رقم ملفك/),
    user("القائمة"),
    bot(/كيف يمكننا/),
    user("hi"),
    bot(/كيف يمكننا/),
    user("۵"),
    handoff("asked"),
    user("القائمة"),
    bot(/كيف يمكننا/),
    user("حقوقي"),
    bot(/اعرف حقوقك. اختر موضوعاً/),
  ]);

  transcript(
    "a final ta marbuta typed as heh: القائمه is MENU (even where a case number is asked), مساعده is HELP",
    { lang: "ar" },
    [
      user("مرحبا"),
      bot(/كيف يمكننا مساعدتك/),
      user("٢"),
      bot(/رقم ملفك/),
      user("القائمه"),
      bot(/كيف يمكننا مساعدتك/),
      user("مساعده"),
      handoff("asked"),
    ],
  );

  transcript(
    "Farsi 'نه' (no) to 'what do you need help with' is not category 9 (gender-based violence)",
    { lang: "fa" },
    [
      user("سلام"),
      bot(/یک عدد بفرستید/),
      user("4"),
      bot(/برای چه چیزی کمک لازم دارید/),
      user("نه"),
      bot(/ببخشید، لطفاً یکی از عددها را بفرستید/),
    ],
  );

  transcript("a wrong answer is asked again; when the menu keeps failing, a person takes over", { lang: "en" }, [
    user("hello"),
    bot(/How can we help/),
    user("8"),
    bot(/Sorry, I did not understand.\nHow can we help/),
    user("banana"),
    bot(/Sorry, I did not understand/),
    user("what"),
    handoff("misunderstood"),
  ]);

  transcript(
    "a keycap digit picks its option, and a keyword followed by an emoji with its variation selector is still the keyword",
    { lang: "en" },
    [
      user("hi"),
      bot(/How can we help/),
      user("1️⃣"),
      bot(/Know your rights. Choose a topic/),
      user("STOP ✋️"),
      event({ type: "opted_out" }),
      bot(/You will not get more messages/),
    ],
  );

  transcript("HELP reaches a person from anywhere, in the person's language or English", { lang: "fr" }, [
    user("salut"),
    bot(/Comment pouvons-nous/),
    user("aide"),
    handoff("asked"),
    user("MENU"),
    bot(/Comment pouvons-nous/),
    user("HELP"),
    handoff("asked"),
  ]);
});

describe("protection risk", () => {
  transcript("a new person naming a risk in English is answered in English, whatever other lists hold", {}, [
    user("my husband beats me"),
    languageSet("en"),
    bot(/emergency number 112/),
    handoff("risk", true),
  ]);

  transcript("risk words send the emergency contacts at once and hand over, urgent", { lang: "en" }, [
    user("hi"),
    bot(/How can we help/),
    user("My husband beats me every night"),
    bot(/emergency number 112/),
    handoff("risk", true),
  ]);

  transcript("matched on normalised words: accents, harakat, the Arabic article", { lang: "ar" }, [
    user("أتعرّض للعُنف في البيت"),
    bot(/رقم الطوارئ/),
    handoff("risk", true),
  ]);

  transcript("French words with their endings, and English ones in any language", { lang: "fr" }, [
    user("il m'a frappée hier"),
    bot(/numéro d'urgence/),
    handoff("risk", true),
    user("I was trafficked"),
    bot(/numéro d'urgence/),
    handoff("risk", true),
  ]);

  transcript("a new person is answered in the language of the words found", {}, [
    user("ساعدوني، أريد الانتحار"),
    languageSet("ar"),
    bot(/رقم الطوارئ/),
    handoff("risk", true),
  ]);

  transcript("a word that only contains a risk word is not one", { lang: "en" }, [
    user("hi"),
    bot(/How can we help/),
    user("therapist"),
    bot(/Sorry, I did not understand/),
  ]);

  transcript("STOP silences the bot until START", { lang: "en" }, [
    user("hi"),
    bot(/How can we help/),
    user("stop"),
    event({ type: "opted_out" }),
    bot(/You will not get more messages/),
    user("hello?"),
    user("are you there"),
    user("START"),
    event({ type: "opted_in" }),
    bot("Welcome back"),
    bot(/How can we help/),
  ]);

  transcript(
    "after STOP, ERASE is still heard, and so is the answer to its question; the rest stays silent",
    { lang: "en" },
    [
      user("hi"),
      bot(/How can we help/),
      user("stop"),
      event({ type: "opted_out" }),
      bot(/You will not get more messages/),
      user("MENU"),
      user("ERASE"),
      bot(/^We can erase what we hold about you/),
      user("no"),
      bot("Nothing was erased. Send MENU for the menu."),
      user("MENU"),
      user("hello"),
      user("START"),
      event({ type: "opted_in" }),
      bot("Welcome back"),
      bot(/How can we help/),
    ],
  );

  for (const first of ["START", "MENU"]) {
    transcript(`a new person who starts with ${first} is welcomed first: language, then the intro`, {}, [
      user(first),
      bot(/^Choose your language/),
      user("1"),
      languageSet("en"),
      bot("Thank you. We will write in English."),
      bot(/^Welcome\./),
      ...welcomeEnd("en"),
    ]);
  }

  transcript("SMS gets the shorter variant of a text where one exists", { channel: "sms" }, [
    user("hi"),
    bot(/^Language \/ اللغة \/ Langue:\n1\. English/),
    user("1"),
    languageSet("en"),
    bot(/English/),
    bot(
      "Welcome. General information, not legal advice. Messages are private. Send MENU, HELP for a person, LANG for language, ERASE to delete your data, STOP to stop.",
    ),
    ...welcomeEnd("en"),
  ]);
});
