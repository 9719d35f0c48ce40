import { areasFile, readAreas } from "../../src/domain/areas/areas.ts";
import { importPartnersCsv } from "../../src/domain/partners/import-csv.ts";
import { MAX_SMS_SEGMENTS, smsSize } from "../../src/i18n/sms-segments.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { askedIfHelped, conversation, hear, playLive, say } from "../support/live-transcript.ts";
import { onScreen } from "../support/on-screen.ts";

let h: Harness;
const prisma = () => h.server.db.prisma;

// Legal help around Athens: two partners in Athens (one speaks en/fr, the other ar), one in Ioannina
// (listed first among Athens' near areas), one in Thessaloniki (next), one on Lesvos (not near), one closed.
const PARTNERS = `code,name,services,areas,languages,phone,whatsapp,email,address,hours,hours_ar,hours_fr,active
alpha-legal,Alpha Legal Athens,legal,athens,en;fr,+30 210 000 0001,,alpha@example.org,"1 Test St, Athens",Mon-Fri 9-17,الاثنين-الجمعة 9-17,Lun-ven 9h-17h,yes
beta-legal,Beta Legal Athens,legal;documentation,athens,ar;el,+30 210 000 0002,+30 690 000 0002,,,Tue 10-14,الثلاثاء 10-14,Mar 10h-14h,yes
ioannina-rights,Ioannina Rights Office,legal,ioannina,en;ar;fr,+30 26510 00003,,,,Mon 9-12,,,yes
thessaloniki-law,Thessaloniki Law Desk,legal,thessaloniki,en;ar;fr,+30 2310 000004,,,,Mon 9-12,,,yes
lesvos-legal,Lesvos Legal,legal,lesvos,en;ar;fr,+30 22510 00005,,,,Wed 9-12,,,yes
closed-legal,Closed Legal Athens,legal,athens,en;ar;fr,+30 210 000 0006,,,,Mon 9-12,,,no
everywhere-line,Everywhere Helpline,gbv,all,en;ar;fr,+30 800 000 0007,,,,Every day 0-24,,,yes
`;

beforeAll(async () => {
  h = await startHarness();
  const report = await importPartnersCsv(prisma(), PARTNERS, readAreas(areasFile("flows")));
  if (report.problems.length) throw new Error(`fixture refused: ${JSON.stringify(report.problems)}`);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function referralsOf(phone: string) {
  const contact = await prisma().contact.findFirstOrThrow({ where: { address: phone } });
  return prisma().referral.findMany({ where: { contactId: contact.id }, include: { partner: true } });
}

/** The same journeys in each language: what the person types and what the bot must say. */
const LANGUAGES = [
  {
    lang: "en",
    legal: "3",
    athens: "1",
    beta: "2",
    yes: "yes",
    no: "no",
    results:
      /^These organisations can help \(Legal help, Athens\), nearest first:\n\n1\. Alpha Legal Athens\nPhone: \+30 210 000 0001\nAddress: 1 Test St, Athens\nEmail: alpha@example\.org\nOpen: Mon-Fri 9-17\nThey speak: English and French\n\n2\. Beta Legal Athens\n[\s\S]*\n\n3\. Ioannina Rights Office\n/,
    offer:
      /Would you like one of them to contact you\?[\s\S]*1\. Alpha Legal Athens\n2\. Beta Legal Athens\n3\. Ioannina Rights Office\n4\. No, thank you/,
    askName: /What name should we give Beta Legal Athens\?/,
    consent: /May we share your name \(Amal\) and your phone number with Beta Legal Athens/,
    shared: /We have shared your name and number with Beta Legal Athens\..*reference is R\d+/,
    notShared: /We have not shared anything/,
    none: /we do not know an organisation for this \(Education, Samos\)/,
    noneAnswer: "1",
    afterNone: /A person from our team will answer you here soon/,
  },
  {
    lang: "ar",
    legal: "٣",
    athens: "١",
    beta: "١",
    yes: "نعم",
    no: "لا",
    // Beta speaks Arabic: it comes first among the two in Athens
    // values written left to right sit between marks (src/i18n/bidi.ts); hours only in English say so
    results:
      /^هذه منظمات يمكنها مساعدتك \(مساعدة قانونية، أثينا\)، الأقرب أولاً:\n\n\u200f1\. Beta Legal Athens\nالهاتف: \u200e\+30 210 000 0002\u200e\nواتساب: \u200e\+30 690 000 0002\u200e\nأوقات العمل: الثلاثاء 10-14\nاللغات: العربية و?اليونانية\n\n\u200f2\. Alpha Legal Athens\n[\s\S]*\n\n\u200f3\. Ioannina Rights Office\nالهاتف: \u200e\+30 26510 00003\u200e\nأوقات العمل: \u200eMon 9-12\u200e \(بالإنجليزية\)\n/,
    offer:
      /هل تريد أن تتواصل معك إحداها؟[\s\S]*1\. Beta Legal Athens\n\u200f2\. Alpha Legal Athens\n\u200f3\. Ioannina Rights Office\n\u200f4\. لا، شكراً/,
    askName: /ما الاسم الذي نعطيه إلى Beta Legal Athens؟/,
    consent: /هل تسمح لنا بمشاركة اسمك \(Amal\) ورقم هاتفك مع Beta Legal Athens/,
    shared: /أرسلنا اسمك ورقمك إلى Beta Legal Athens\..*R\d+/,
    notShared: /لم نشارك أي شيء/,
    none: /لا نعرف بعد منظمة لهذا الطلب \(التعليم، ساموس\)/,
    noneAnswer: "لا",
    afterNone: /أرسل MENU لرؤية الخيارات الأخرى/,
  },
  {
    lang: "fr",
    legal: "3",
    athens: "1",
    beta: "2",
    yes: "oui",
    no: "non",
    results:
      /^Ces organisations peuvent vous aider \(Aide juridique, Athènes\), les plus proches d'abord :\n\n1\. Alpha Legal Athens\nTéléphone : \+30 210 000 0001\nAdresse : 1 Test St, Athens\nE-mail : alpha@example\.org\nHoraires : Lun-ven 9h-17h\nLangues parlées : anglais et français\n\n2\. Beta Legal Athens\n[\s\S]*\n\n3\. Ioannina Rights Office\n/,
    offer:
      /Voulez-vous que l'une d'elles vous contacte \?[\s\S]*1\. Alpha Legal Athens\n2\. Beta Legal Athens\n3\. Ioannina Rights Office\n4\. Non, merci/,
    askName: /Quel nom devons-nous donner à Beta Legal Athens \?/,
    consent: /Pouvons-nous transmettre votre nom \(Amal\) et votre numéro de téléphone à Beta Legal Athens/,
    shared: /Nous avons transmis votre nom et votre numéro à Beta Legal Athens\..*R\d+/,
    notShared: /Nous n'avons rien transmis/,
    none: /nous ne connaissons pas encore d'organisation pour ce besoin \(Éducation, Samos\)/,
    noneAnswer: "non",
    afterNone: /Envoyez MENU pour voir les autres choix/,
  },
] as const;

/** The person's saved session, as stored. */
const sessionOf = async (phone: string) =>
  JSON.stringify((await h.server.db.prisma.session.findFirstOrThrow({ where: { contact: { address: phone } } })).state);

describe.each(LANGUAGES)("find help in $lang", (l) => {
  const toResults = [
    say("menu"),
    hear(/./),
    say("3"),
    hear(/\n1\. |\n\u200f1\. /),
    say(l.legal),
    hear(/\n6\. |\n\u200f6\. /),
    say(l.athens),
    hear(l.results),
    hear(l.offer),
  ];

  test("three partners, nearest first and in the person's language; consent yes records a referral", async () => {
    const started = Date.now();
    const c = await playLive(h, { lang: l.lang }, [
      ...toResults,
      say(l.beta),
      hear(l.askName),
      say("Amal"),
      hear(l.consent),
      say(l.yes),
      hear(l.shared),
      askedIfHelped(l.lang),
    ]);
    const referrals = await referralsOf(c.phone);
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({
      service: "legal",
      name: "Amal",
      status: "new",
      partner: { code: "beta-legal" },
    });
    expect(referrals[0]!.consentAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
    // the referral keeps the name; the session does not
    expect(await sessionOf(c.phone)).not.toMatch(/Amal|"consent":"yes"/);
  });

  test("consent refused: nothing is recorded, and the person is told nothing was shared", async () => {
    const c = await playLive(h, { lang: l.lang }, [
      ...toResults,
      say(l.beta),
      hear(l.askName),
      say("Amal"),
      hear(l.consent),
      say(l.no),
      hear(l.notShared),
      askedIfHelped(l.lang),
    ]);
    expect(await referralsOf(c.phone)).toHaveLength(0);
    expect(await sessionOf(c.phone)).not.toMatch(/Amal/);
  });

  test("no partner for that help there: said kindly, a person offered", async () => {
    await playLive(h, { lang: l.lang }, [
      say("menu"),
      hear(/./),
      say("3"),
      hear(/./),
      say("7"),
      hear(/./),
      say("4"),
      hear(l.none),
      say(l.noneAnswer),
      hear(l.afterNone),
      // declining a person ends the journey; a person asked for is a handoff, which asks when it ends
      ...(l.noneAnswer === "1" ? [] : [askedIfHelped(l.lang)]),
    ]);
  });
});

test("a place typed in the person's own words is found among the areas and their other names", async () => {
  await playLive(h, { lang: "fr" }, [
    say("menu"),
    hear(/./),
    say("3"),
    hear(/./),
    say("3"),
    hear(/./),
    say("6"),
    hear(/Écrivez le nom de votre ville/),
    say("Je suis à Mytilène"),
    // Lesvos first, then Athens (near Lesvos after Samos, which has none); Alpha speaks French
    hear(/\(Aide juridique, Lesbos\)[\s\S]*1\. Lesvos Legal[\s\S]*2\. Alpha Legal Athens[\s\S]*3\. Beta Legal Athens/),
    hear(/Voulez-vous/),
    say("non"),
    hear(/Vous pouvez les contacter vous-même/),
    askedIfHelped("fr"),
  ]);
});

test("a place we do not know: only partners that serve everywhere, else no match in the person's words", async () => {
  await playLive(h, { lang: "en" }, [
    say("menu"),
    hear(/./),
    say("3"),
    hear(/./),
    say("9"),
    hear(/./),
    say("6"),
    hear(/town, island or camp/),
    say("Kos"),
    // one organisation is "this organisation", and "them", not "one of them"
    hear(
      /^This organisation can help \(Help after violence, Kos\):\n\n1\. Everywhere Helpline\n[\s\S]*Every day 0-24[\s\S]*$/,
    ),
    hear(/1\. Everywhere Helpline\n2\. No, thank you$/),
    say("2"),
    hear(/You can contact them yourself/),
    askedIfHelped(),
    // the menu keyword instead of an answer: the question is left, the journey starts again (not asked again soon)
    say("menu"),
    hear(/./),
    say("3"),
    hear(/./),
    say("3"),
    hear(/./),
    say("6"),
    hear(/./),
    say("Kos"),
    hear(/do not know an organisation for this \(Legal help, Kos\)/),
    say("2"),
    hear(/All right/),
  ]);
});

test("SMS gets the short forms: how to reach them and the hours, no address or email; shorter questions", async () => {
  await playLive(h, { lang: "en", channel: "sms" }, [
    say("menu"),
    hear(/./),
    say("3"),
    hear(/./),
    say("3"),
    hear(/./),
    say("1"),
    hear(
      /^Legal help, Athens:\n1\. Alpha Legal Athens\nTel \+30 210 000 0001\nOpen Mon-Fri 9-17\n\n2\. Beta Legal Athens\nTel \+30 210 000 0002\nWhatsApp \+30 690 000 0002\nOpen Tue 10-14\n\n3\. Ioannina Rights Office\nTel \+30 26510 00003\nOpen Mon 9-12$/,
    ),
    hear(/^Want one of them to contact you\?/),
    say("1"),
    hear("What name should we give Alpha Legal Athens? Nothing is shared unless you agree."),
    say("Amal"),
    hear(/^May we share your name \(Amal\) and number with Alpha Legal Athens so they can contact you\?\n1\. Yes/),
    say("no"),
    hear("Nothing was shared. You can contact them yourself. MENU to go back."),
    askedIfHelped(),
  ]);
});

test("Arabic SMS: every phone number and the English hours read in their own order on screen", async () => {
  const c = await conversation(h, { lang: "ar", channel: "sms" });
  for (const reply of ["menu", "٣", "٣"]) await c.send(reply);
  // legal help in Athens comes in two pages: the first, then 0 for the rest
  const results = [...(await c.send("١")), ...(await c.send("٠"))].join("\n");
  const lines = results.split("\n").map(onScreen);
  for (const phone of ["+30 210 000 0002", "+30 690 000 0002", "+30 210 000 0001", "+30 26510 00003"])
    expect(lines.some((l) => l.includes(phone))).toBe(true);
  expect(lines).toContainEqual(expect.stringContaining("Mon 9-12"));
  expect(results).not.toMatch(/0002 000 210 30\+/);
});

test("a list too long for 3 SMS segments comes in pages: 0 (in any digits) for the next, then a partner of any page is picked", async () => {
  const c = await conversation(h, { lang: "ar", channel: "sms" });
  for (const reply of ["menu", "٣", "٣"]) await c.send(reply);
  const [first, offer] = await c.send("١");
  expect(first).toMatch(/^مساعدة قانونية، أثينا:\n\u200f1\. Beta Legal Athens\n[\s\S]*\n\nأرسل 0 للمزيد\.$/);
  expect(offer).toMatch(/^هل تريد أن تتواصل معك إحداها؟[\s\S]*\u200f3\. Ioannina Rights Office/);
  // 0 in Arabic-Indic, then ASCII digits: each page follows with the offer, until none is left
  const pages = [first!];
  for (const zero of ["٠", "0", "0"]) {
    const [page, again] = await c.send(zero);
    expect((again ?? page)!).toMatch(/^هل تريد/);
    if (again) pages.push(page!);
  }
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.at(-1)).not.toMatch(/أرسل 0 للمزيد/);
  for (const name of ["Beta Legal Athens", "Alpha Legal Athens", "Ioannina Rights Office"])
    expect(pages.filter((p) => p.includes(name))).toHaveLength(1);
  expect(pages.at(-1)).toMatch(/\u200f3\. Ioannina Rights Office\nهاتف \u200e\+30 26510 00003\u200e/);
  expect((await c.send("٣"))[0]).toMatch(/Ioannina Rights Office؟/);
  const sent = await prisma().message.findMany({ where: { contact: { address: c.phone }, direction: "out" } });
  expect(sent.filter((m) => smsSize(m.body).segments > MAX_SMS_SEGMENTS).map((m) => m.body)).toEqual([]);
});

test("one numbering of the kinds of help: 3 is legal help when finding help and when reporting a need", async () => {
  await playLive(h, { lang: "en", channel: "sms" }, [
    say("menu"),
    hear(/./),
    say("3"),
    hear(/\n3\. Legal help\n[\s\S]*\n12\. Work and income$/),
    say("3"),
    hear(/./),
    say("1"),
    hear(/^Legal help, Athens:/),
    hear(/./),
    say("menu"),
    hear(/./),
    say("4"),
    hear(/\n3\. Legal help\n[\s\S]*\n12\. Work and income$/),
  ]);
});

test("asking twice for the same partner and need keeps one referral", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...["first", "second"].flatMap((time) => [
      say("menu"),
      hear(/./),
      say("3"),
      hear(/./),
      say("3"),
      hear(/./),
      say("1"),
      hear(/./),
      hear(/./),
      say("1"),
      hear(/./),
      say("Sam"),
      hear(/./),
      say("yes"),
      hear(/We have shared/),
      // asked once: not again so soon
      ...(time === "first" ? [askedIfHelped()] : []),
    ]),
  ]);
  expect(await referralsOf(c.phone)).toHaveLength(1);
});
