import { bot, handoff, languageSet, transcript, user } from "../support/transcript.ts";

// French risk words once accents are gone: "traité"/"traite" is also "handled", "enlever" "to remove",
// "se battre" "to fight for". Only the risk itself hands over; everyday questions get the menu.
describe("protection risk in French", () => {
  for (const [text, why] of [
    ["Qui traite mon dossier ?", "asks who handles a case: not trafficking"],
    ["Comment enlever mes données ?", "asks about erasure: not a kidnapping"],
    ["Mon frère se bat pour ses droits", "(he fights for his rights) is not a beating"],
  ] as const) {
    transcript(`'${text}' ${why}`, { lang: "fr" }, [
      user("salut"),
      bot(/Comment pouvons-nous/),
      user(text),
      bot(/Désolé/),
    ]);
  }

  transcript("trafficking in people hands over, urgent", { lang: "fr" }, [
    user("Je suis victime de la traite des êtres humains"),
    bot(/numéro d'urgence 112/),
    handoff("risk", true),
  ]);

  transcript("an abduction hands over, urgent, for a new person too", {}, [
    user("Ils m'ont enlevée et je ne peux pas partir"),
    languageSet("fr"),
    bot(/numéro d'urgence 112/),
    handoff("risk", true),
  ]);

  transcript("'mon fils a été enlevé', an 'enlèvement', 'il me bat' each hand over", { lang: "fr" }, [
    user("mon fils a été enlevé"),
    bot(/numéro d'urgence 112/),
    handoff("risk", true),
    user("c'est un enlèvement"),
    bot(/numéro d'urgence 112/),
    handoff("risk", true),
    user("mon mari me bat"),
    bot(/numéro d'urgence 112/),
    handoff("risk", true),
  ]);
});
