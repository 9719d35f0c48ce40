import { askedIfHelped, hear, playLive, say } from "../support/live-transcript.ts";
import { harnessForFile } from "../support/harness.ts";

const h = harnessForFile();

const NOT_ADVICE_EN =
  /^This is general information, not legal advice: every case is different. Reply with a number:\n1\. Tell me more\n2\. Talk to a person\n3\. Find legal help near me\n4\. Other topics\n5\. Main menu$/;

test("English: a wrong answer, violence with emergency numbers and more, then resettlement step by step, then a person", async () => {
  await playLive(h, { lang: "en" }, [
    say("hi"),
    hear(/How can we help/),
    say("1"),
    hear(
      /^Know your rights. Choose a topic:\n1\. Asylum and safety from return[\s\S]*9\. How resettlement works\n10\. Main menu$/,
    ),
    say("12"),
    hear(/^Sorry, please reply with one of the numbers.\nKnow your rights/),
    say("7"),
    hear(/No one has the right to hurt you[\s\S]*Emergency 112[\s\S]*police 100, ambulance 166[\s\S]*15900/),
    hear(NOT_ADVICE_EN),
    say("more"),
    hear(/within 72 hours[\s\S]*SOS line for children: 1056/),
    hear(/not legal advice[\s\S]*1\. Talk to a person\n2\. Find legal help near me\n3\. Other topics\n4\. Main menu$/),
    say("3"),
    hear(/Choose a topic/),
    say("9"),
    hear(/UNHCR identifies the cases[\s\S]*nobody can sell you a place/),
    hear(NOT_ADVICE_EN),
    say("1"),
    hear(
      /1 Identification[\s\S]*2 Referral[\s\S]*3 Processing[\s\S]*4 Acceptance[\s\S]*5 Travel[\s\S]*6 Reception and integration/,
    ),
    hear(/not legal advice/),
    say("1"),
    hear(/A person from our team will answer you here soon/),
  ]);
});

test("Arabic on SMS: short menu labels, asylum and non-refoulement, the shorter 'more', back to the main menu", async () => {
  await playLive(h, { lang: "ar", channel: "sms" }, [
    say("مرحبا"),
    hear(/كيف يمكننا مساعدتك/),
    say("١"),
    hear(/^اعرف حقوقك. اختر موضوعاً:\n\u200f1\. اللجوء\n\u200f2\. الوثائق[\s\S]*\u200f10\. القائمة الرئيسية$/),
    say("موز"),
    hear(/^عذراً، أرسل أحد الأرقام من فضلك.\nاعرف حقوقك/),
    say("١"),
    hear(/من حقك طلب اللجوء[\s\S]*مبدأ عدم الإعادة القسرية/),
    hear(/^معلومات عامة وليست استشارة قانونية. أرسل رقماً:\n\u200f1\. المزيد/),
    say("المزيد"),
    hear(/^يمكنك طلب اللجوء دون أوراق[\s\S]*اطلب مساعدة قانونية فوراً.$/),
    hear(/وليست استشارة قانونية/),
    say("٤"),
    askedIfHelped("ar"),
    say("١"),
    hear("شكرًا لأنك أخبرتنا."),
    hear(/كيف يمكننا مساعدتك/),
  ]);
});

test("French: protection of children with its helpline, a wrong answer, other topics, then a person", async () => {
  await playLive(h, { lang: "fr" }, [
    say("bonjour"),
    hear(/Comment pouvons-nous vous aider/),
    say("1"),
    hear(/^Connaître vos droits. Choisissez un sujet :\n1\. L'asile et la protection contre le renvoi/),
    say("8"),
    hear(/Tout enfant de moins de 18 ans[\s\S]*un tuteur[\s\S]*Ligne SOS pour les enfants : 1056/),
    hear(/^Ceci est une information générale, pas un conseil juridique/),
    say("peut-être"),
    hear(/^Désolé, répondez avec l'un des numéros.\nCeci est une information générale/),
    say("4"),
    hear(/Choisissez un sujet/),
    say("6"),
    hear(/avocat gratuit pour faire appel[\s\S]*le délai d'appel est court/),
    hear(/pas un conseil juridique/),
    say("2"),
    hear(/Une personne de notre équipe va vous répondre/),
  ]);
});
