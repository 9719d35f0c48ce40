import { bot, handoff, languageSet, transcript, user } from "../support/transcript.ts";

// Danger as people write it (issue 12), and everyday messages that share its words. The lists are measured
// on many more by `npm run eval:risk`; these are the ones the issue named, each as a conversation.
describe("danger in the words people write hands over at once, urgent", () => {
  for (const [lang, text, emergency] of [
    ["en", "I am in danger", /emergency number 112/],
    ["ar", "أنا في خطر", /رقم الطوارئ 112/],
    ["fr", "Je suis en danger, aidez-moi", /numéro d'urgence 112/],
    ["so", "Waxaan ku jiraa khatar", /112/],
    ["en", "I wanna die", /emergency number 112/],
    ["en", "my boss keeps my passport", /emergency number 112/],
  ] as const) {
    transcript(`${lang}: '${text}'`, { lang }, [user(text), bot(emergency), handoff("risk", true)]);
  }
  transcript("a new person's 'Waxaan ku jiraa khatar' is answered in Somali", {}, [
    user("Waxaan ku jiraa khatar"),
    languageSet("so"),
    bot(/112/),
    handoff("risk", true),
  ]);
});

describe("everyday words that danger also uses do not hand over", () => {
  for (const [lang, text] of [
    ["fr", "Je travaille dans une exploitation agricole"],
    ["fr", "Il y a beaucoup de trafic"],
    ["fr", "Mon fils va mourir de faim"],
    ["en", "I want to exploit my skills"],
    ["en", "I was beaten by the rain"],
  ] as const) {
    // in the menu, a message that is no option gets the kind "sorry", not the emergency contacts
    transcript(`${lang}: '${text}'`, { lang }, [
      user("hi"),
      bot(/How can we help|Comment pouvons-nous/),
      user(text),
      bot(/Sorry|Désolé/),
    ]);
  }
});
