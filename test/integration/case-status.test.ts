import { readFileSync } from "node:fs";
import { vi } from "vitest";
import { importCasesCsv } from "../../src/domain/cases/import-csv.ts";
import { caseNumberKey, lookupSubject } from "../../src/domain/cases/lookup-keys.ts";
import { isLocked, LOCKOUT, LOCKOUT_LOOKBACK_MS, lookUpCase } from "../../src/domain/cases/service.ts";
import { startHousekeeping } from "../../src/domain/housekeeping.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { askedIfHelped, conversation, freshPhone, hear, playLive, say } from "../support/live-transcript.ts";
import { onScreen } from "../support/on-screen.ts";
import { signedIn } from "../support/staff.ts";

// every lookup checks an argon2 hash (slow on purpose), a dozen per test when suites run side by side
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ TIME_ZONE: "Europe/Athens" });
  // the demo cases of `npm run seed` (their PINs and dates of birth are in the README)
  const report = await importCasesCsv(h.server.db.prisma, readFileSync("prisma/seed/cases.csv", "utf8"));
  expect(report.problems).toEqual([]);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const prisma = () => h.server.db.prisma;
const contactOf = (phone: string) =>
  prisma().contact.findFirstOrThrow({ where: { address: phone }, include: { session: true } });

/** What each language says at each step, so one journey is checked in en, ar and fr. */
const T = {
  en: {
    menu: /How can we help/,
    number: /send your case number/,
    factor: /send your PIN, or your date of birth/,
    notFound: /could not find a case/,
    locked: /too many tries from this phone/,
    choice: "2",
  },
  ar: {
    menu: /كيف يمكننا مساعدتك/,
    number: /أرسل رقم ملفك/,
    factor: /أرسل رمزك السري/,
    notFound: /لم نجد ملفاً/,
    locked: /محاولات كثيرة من هذا الهاتف/,
    choice: "٢",
  },
  fr: {
    menu: /Comment pouvons-nous vous aider/,
    number: /numéro de dossier/,
    factor: /code PIN, ou votre date de naissance/,
    notFound: /pas trouvé de dossier/,
    locked: /trop d'essais depuis ce téléphone/,
    choice: "2",
  },
} as const;

describe("check my case, through the whole bot", () => {
  test("en: case number, PIN, then stage, next step and appointment in the person's time zone", async () => {
    const c = await playLive(h, { lang: "en" }, [
      say("hello"),
      hear(T.en.menu),
      say("2"),
      hear(T.en.number),
      say("demo-1001"),
      hear(T.en.factor),
      say("1234"),
      hear(
        /stage: Interview scheduled\.\nNext step: Bring your ID card and your family's papers\.\nNext appointment: Monday, March 8, 2027 at 10:00 AM/,
      ),
      askedIfHelped(),
      say("hi"),
      hear(T.en.menu),
    ]);
    const contact = await contactOf(c.phone);
    const messages = await prisma().message.findMany({ where: { contactId: contact.id }, orderBy: { id: "asc" } });
    const bodies = messages.map((m) => `${m.direction}: ${m.body}`);
    // the case number stays readable for staff; the PIN and the case's details do not
    expect(bodies).toEqual(expect.arrayContaining(["in: demo-1001", "in: [redacted]", "out: [redacted]"]));
    expect(bodies.join("\n")).not.toMatch(/1234|Interview scheduled|Bring your ID|March 8/);
    expect(messages.filter((m) => m.redacted).map((m) => m.direction)).toEqual(["in", "out"]);
    // the saved session keeps neither the case number nor the rest, nor does the outbox once sent
    expect(JSON.stringify(contact.session?.state)).not.toMatch(
      /demo-1001|1234|interview_scheduled|Bring your ID|2027/i,
    );
    const outbox = await prisma().outbox.findMany({ where: { contactId: contact.id } });
    expect(outbox.every((o) => o.body === "")).toBe(true);
  });

  test("the answer ends offering the menu: a menu number or word answers that menu (once 'Did this help?' is answered or passed), anything else brings it", async () => {
    await playLive(h, { lang: "ar" }, [
      say("مرحبا"),
      hear(T.ar.menu),
      say("٢"),
      hear(T.ar.number),
      say("DEMO-1003"),
      hear(T.ar.factor),
      say("5678"),
      hear(/للسفر/),
      askedIfHelped("ar"),
      // 2 answers "Did this help?" (no); its free text never takes a menu's number: 2 then checks a case again
      say("٢"),
      hear(/ما الذي كان ينقص/),
      say("٢"),
      hear(T.ar.number),
      say("DEMO-1003"),
      hear(T.ar.factor),
      say("5678"),
      hear(/للسفر/),
      say("شكرا"),
      hear(T.ar.menu),
    ]);
  });

  test("ar: Eastern Arabic digits for the number and the date of birth; note and stage in Arabic", async () => {
    await playLive(h, { lang: "ar" }, [
      say("مرحبا"),
      hear(T.ar.menu),
      say("٢"),
      hear(T.ar.number),
      say("demo-١٠٠٢"),
      hear(T.ar.factor),
      say("٠٧/٠٣/١٩٩٠"),
      hear(
        /مرحلة ملفك الآن: قيد الدراسة لدى بلد إعادة التوطين\.\nالخطوة التالية: ننتظر رد بلد إعادة التوطين\. لا تحتاج إلى فعل أي شيء\.\nلا يوجد موعد بعد\./,
      ),
      askedIfHelped("ar"),
    ]);
  });

  test("fr on SMS: the date of birth in another form, the appointment date in French", async () => {
    // on SMS the menu's shorter heading keeps its six options within 3 segments
    const smsMenu = /^Comment vous aider \?\n1\. /;
    await playLive(h, { lang: "fr", channel: "sms" }, [
      say("bonjour"),
      hear(smsMenu),
      say("2"),
      hear(T.fr.number),
      say("DEMO-1004"),
      hear(/Envoyez votre code PIN.*Nous ne la gardons pas/),
      say("25.12.1985"),
      hear(/^Votre dossier : Enregistré\.\nPas encore de rendez-vous/),
      askedIfHelped("fr"),
      say("menu"),
      hear(smsMenu),
      say("2"),
      hear(T.fr.number),
      say("demo-1003"),
      hear(/code PIN/),
      say("5678"),
      hear(/^Votre dossier : Préparation du voyage\.\nRendez-vous : vendredi 2 avril 2027 à 09:30$/),
    ]);
  });

  /** The bot's answer to a case number and its factor, from the menu on. */
  async function caseAnswer(
    lang: string,
    caseNumber: string,
    factor: string,
    channel: "sms" | "whatsapp" = "whatsapp",
  ): Promise<string> {
    const c = await conversation(h, { lang, channel });
    await c.send("menu");
    await c.send("2");
    await c.send(caseNumber);
    const [answer] = await c.send(factor);
    return answer ?? "";
  }

  test("uk: a next step given only in English is said to be in English, in Ukrainian", async () => {
    expect(await caseAnswer("uk", "DEMO-1001", "1234")).toMatch(
      /Наступний крок: Bring your ID card and your family's papers\. \(англійською\)\n/,
    );
    // where the note exists in the person's language, it is theirs, unmarked
    expect(await caseAnswer("fr", "DEMO-1001", "1234")).toMatch(
      /Apportez votre carte d'identité et les papiers de votre famille\.\n/,
    );
  });

  test("fa and ps: the appointment in the Gregorian calendar (Dari months for fa), Persian digits, at its hour in TIME_ZONE", async () => {
    // 2027-04-02T08:30+02:00 is 09:30 in Athens (summer time); the Solar Hijri year would be ۱۴۰۶
    const fa = await caseAnswer("fa", "DEMO-1003", "5678");
    expect(fa).toContain("جمعه ۲ اپریل ۲۰۲۷ ساعت ۹:۳۰");
    const ps = await caseAnswer("ps", "demo-1003", "۵۶۷۸", "sms");
    expect(ps).toContain("د ۲۰۲۷ د اپریل ۲ په ۹:۳۰");
    expect(fa + ps).not.toMatch(/۱۴۰۶|حمل|وری/);
  });

  test("ur: the next step only in English says so, and keeps its full stop at its end on screen", async () => {
    const english = await caseAnswer("ur", "DEMO-1002", "07/03/1990");
    const line = english.split("\n").find((l) => l.includes("We are waiting"))!;
    expect(onScreen(line)).toContain("We are waiting for the resettlement country. You do not need to do anything.");
    expect(line).toContain("(انگریزی میں)");
  });

  test("staff read the appointment and the transcript's times in TIME_ZONE, named", async () => {
    const c = await conversation(h, { lang: "en" });
    await c.send("hello");
    const { c: staff } = await signedIn(h, "admin");
    // DEMO-1001: 2027-03-08T10:00+02:00, winter time in Athens
    expect(await (await staff.request("/staff/cases")).text()).toMatch(
      /<td><strong>DEMO-1001<\/strong><\/td><td data-label="Stage">[a-z_]+<\/td><td data-label="Next appointment">2027-03-08 10:00 EET<\/td>/,
    );
    const contact = await contactOf(c.phone);
    const sent = (await prisma().message.findFirstOrThrow({ where: { contactId: contact.id }, orderBy: { id: "asc" } }))
      .createdAt;
    const athens = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Europe/Athens",
      dateStyle: "short",
      timeStyle: "short",
    }).format(sent);
    expect(await (await staff.request(`/staff/conversations/${contact.id}`)).text()).toMatch(
      new RegExp(`person · ${athens} EES?T`),
    );
  });

  test("a factor that is not a PIN or a date is asked again, and is redacted too", async () => {
    const c = await playLive(h, { lang: "en" }, [
      say("hello"),
      hear(T.en.menu),
      say("2"),
      hear(T.en.number),
      say("hello there"),
      hear(/does not look like a case number/),
      say("DEMO-1001"),
      hear(T.en.factor),
      say("my pin is secret"),
      hear(/send only numbers/),
      say("1234"),
      hear(/Interview scheduled/),
      askedIfHelped(),
    ]);
    const contact = await contactOf(c.phone);
    const inbound = await prisma().message.findMany({
      where: { contactId: contact.id, direction: "in" },
      orderBy: { id: "asc" },
    });
    expect(inbound.map((m) => m.body)).toEqual(["hello", "2", "hello there", "DEMO-1001", "[redacted]", "[redacted]"]);
  });

  test("a year of two digits is asked again in full, as often as it comes, and is never counted as a failure", async () => {
    const c = await playLive(h, { lang: "en", channel: "sms" }, [
      say("hello"),
      hear(T.en.menu),
      say("2"),
      hear(T.en.number),
      say("demo 1002"),
      hear(T.en.factor),
      ...Array.from({ length: LOCKOUT.pair.failures + 1 }, (_, i) => [
        say(i % 2 ? "7.3.90" : "07/03/90"),
        hear(/^Please write the year in full/),
      ]).flat(),
      say("07/03/1990"),
      hear(/Being reviewed by the resettlement country/),
      askedIfHelped(),
    ]);
    const attempts = await prisma().caseLookupAttempt.findMany({ where: { subject: lookupSubject(c.phone) } });
    expect(attempts.map((a) => a.outcome)).toEqual(["found"]);
  });

  for (const lang of ["en", "ar", "fr"] as const) {
    test(`${lang}: a wrong case number and a wrong factor get the very same answer`, async () => {
      const t = T[lang];
      const c = await conversation(h, { lang });
      const answers: string[] = [];
      for (const [number, factor] of [
        ["DEMO-9999", "1234"],
        ["DEMO-1001", "9999"],
        ["DEMO-1002", "08/03/1990"],
      ]) {
        expect((await c.send("menu"))[0]).toMatch(t.menu);
        expect((await c.send(t.choice))[0]).toMatch(t.number);
        expect((await c.send(number!))[0]).toMatch(t.factor);
        const [answer, ...more] = await c.send(factor!);
        expect(more).toEqual([]);
        answers.push(answer!);
      }
      expect(answers[0]).toMatch(t.notFound);
      expect(new Set(answers).size).toBe(1);
    });

    test(`${lang}: 5 failures in 15 minutes lock that case number (typed any way) for an hour, even with the right PIN; the message says the limit is on this phone`, async () => {
      const t = T[lang];
      const steps = [say("hi"), hear(t.menu), say(t.choice), hear(t.number)];
      // the same case however its number is typed
      const typed = ["DEMO-1001", "demo 1001", "DEMO1001", "demo-1001", "Demo.1001"];
      for (let i = 1; i <= LOCKOUT.pair.failures; i++) {
        steps.push(
          say(typed[(i - 1) % typed.length]!),
          hear(t.factor),
          say(`000${i}`),
          hear(i < LOCKOUT.pair.failures ? t.notFound : t.locked),
        );
        if (i < LOCKOUT.pair.failures) steps.push(say("1"), hear(t.number));
      }
      // locked before the factor is even asked: the right PIN cannot get through
      steps.push(say("menu"), hear(t.menu), say(t.choice), hear(t.number), say("DEMO-1001"), hear(t.locked));
      const c = await playLive(h, { lang }, steps);

      const rightPin = () =>
        prisma().$transaction((tx) => lookUpCase(tx, { address: c.phone, caseNumber: "DEMO-1001", factor: "1234" }));
      expect(await rightPin()).toEqual({ outcome: "locked" });
      // an hour later the lock is over
      await prisma()
        .$executeRaw`UPDATE "CaseLookupAttempt" SET "createdAt" = "createdAt" - interval '61 minutes' WHERE "subject" = ${lookupSubject(c.phone)}`;
      expect(await rightPin()).toMatchObject({ outcome: "found", stage: "interview_scheduled" });
    });
  }
});

test("the lock holds for the phone number: on its other channel, and after the person erased their data; attempts keep neither number in clear", async () => {
  const t = T.en;
  const wa = await conversation(h, { lang: "en" });
  await wa.send("menu");
  for (let i = 1; i <= LOCKOUT.pair.failures; i++) {
    expect((await wa.send(i === 1 ? "2" : "1"))[0]).toMatch(t.number);
    await wa.send("DEMO-1001");
    expect((await wa.send(`000${i}`))[0]).toMatch(i < LOCKOUT.pair.failures ? t.notFound : t.locked);
  }
  const sms = await conversation(h, { lang: "en", channel: "sms", phone: wa.phone });
  await sms.send("menu");
  await sms.send("2");
  expect(await sms.send("DEMO-1001")).toEqual([expect.stringMatching(/too many tries/i)]);

  expect(await wa.send("ERASE")).toEqual([expect.stringMatching(/^We can erase what we hold about you/)]);
  expect(await wa.send("yes")).toEqual([expect.stringMatching(/^Your data is erased/)]);
  await wa.send("hi");
  // a new person again: the welcome ends asking whether we may write first
  expect((await wa.send("1")).at(-1)).toMatch(/^May we write to you first/);
  await wa.send("no");
  await wa.send("2");
  expect(await wa.send("DEMO-1001")).toEqual([expect.stringMatching(/too many tries/i)]);

  const rows = JSON.stringify(
    await prisma().caseLookupAttempt.findMany({ where: { subject: lookupSubject(wa.phone) } }),
  );
  expect(rows).toContain(caseNumberKey("DEMO-1001"));
  expect(rows).not.toMatch(new RegExp(`${wa.phone.slice(1)}|DEMO-1001`));
}, 60_000);

describe("the lockout rules", () => {
  let address: string;
  beforeEach(() => {
    address = freshPhone();
  });
  const lookUp = (caseNumber: string, factor: string, now?: Date) =>
    prisma().$transaction((tx) => lookUpCase(tx, { address, caseNumber, factor, now }));
  const locked = (caseNumber: string, now?: Date) =>
    prisma().$transaction((tx) => isLocked(tx, address, caseNumber, now));

  test("failures spread over more than 15 minutes do not lock", async () => {
    const start = Date.now() - 50 * 60_000;
    for (let i = 0; i < 5; i++) await lookUp("DEMO-1001", "0000", new Date(start + i * 5 * 60_000));
    expect(await locked("DEMO-1001")).toBe(false);
  });

  test("a success forgets the failures before it on that case number", async () => {
    for (let i = 0; i < 4; i++) await lookUp("DEMO-1003", "0000");
    expect(await lookUp("demo-1003 ", "5678")).toMatchObject({ outcome: "found" });
    expect(await lookUp("DEMO-1003", "0000")).toEqual({ outcome: "not_found" });
  });

  test("one person trying many case numbers is stopped across all of them", async () => {
    for (let i = 1; i < LOCKOUT.contact.failures; i++) {
      expect(await lookUp(`GUESS-${i}`, "1234")).toEqual({ outcome: "not_found" });
    }
    expect(await lookUp("GUESS-10", "1234")).toEqual({ outcome: "locked" });
    expect(await locked("GUESS-NEW")).toBe(true);
    expect(await lookUp("DEMO-1001", "1234")).toEqual({ outcome: "locked" });
  });

  test("slow guessing under the other caps is stopped by the daily one: past 20 failures in a day, about one guess an hour", async () => {
    const start = Date.now() - 23 * 60 * 60_000;
    const every = 70 * 60_000; // slower than 5 in 15 minutes and 10 in an hour
    for (let i = 0; i < LOCKOUT.day.failures - 1; i++) {
      expect(await lookUp(`SLOW-${i % 3}`, "0000", new Date(start + i * every))).toEqual({ outcome: "not_found" });
    }
    const twentieth = new Date(start + (LOCKOUT.day.failures - 1) * every);
    expect(await lookUp("SLOW-0", "0000", twentieth)).toEqual({ outcome: "locked" });
    expect(await locked("DEMO-1001", new Date(twentieth.getTime() + LOCKOUT.lockMs - 60_000))).toBe(true);
    // an hour on, one more try; it fails and locks again for an hour
    const later = new Date(twentieth.getTime() + LOCKOUT.lockMs + 60_000);
    expect(await locked("DEMO-1001", later)).toBe(false);
    expect(await lookUp("SLOW-1", "0000", later)).toEqual({ outcome: "locked" });
  });

  test("a stored hash that cannot be read is a failed match, not an error", async () => {
    await prisma().case.create({
      data: {
        caseNumber: "BROKEN-1",
        caseKey: "BROKEN1",
        factorKind: "pin",
        factorHash: "not-a-hash",
        stage: "closed",
      },
    });
    expect(await lookUp("BROKEN-1", "1234")).toEqual({ outcome: "not_found" });
  });

  test("the lock is per person: another phone number can still look up that case", async () => {
    for (let i = 0; i < 5; i++) await lookUp("DEMO-1004", "01/01/1980");
    expect(await locked("DEMO-1004")).toBe(true);
    expect(
      await prisma().$transaction((tx) =>
        lookUpCase(tx, { address: freshPhone(), caseNumber: "DEMO-1004", factor: "25/12/1985" }),
      ),
    ).toMatchObject({ outcome: "found", stage: "registered" });
  });

  test("housekeeping deletes the attempts the lockout no longer reads; a lock resting on the oldest it reads holds", async () => {
    const minute = 60_000;
    const now = Date.now();
    const at = (ms: number) => ({
      subject: lookupSubject(address),
      caseNumberHash: caseNumberKey("GUESS-1"),
      outcome: "failed",
      createdAt: new Date(ms),
    });
    const tooOld = [3, 60, 24 * 60].map((m) => at(now - LOCKOUT_LOOKBACK_MS - m * minute));
    // a lock by the widest rule (a day) whose first failure is a minute inside the look-back: it ends a minute from now
    const first = now - LOCKOUT_LOOKBACK_MS + minute;
    const step = LOCKOUT.day.withinMs / (LOCKOUT.day.failures - 1);
    const lockingFailures = Array.from({ length: LOCKOUT.day.failures }, (_, i) => at(first + i * step));
    await prisma().caseLookupAttempt.createMany({ data: [...tooOld, ...lockingFailures] });
    expect(await locked("DEMO-1001")).toBe(true);

    // the server's job, as it runs at start; stopping waits for that run
    await startHousekeeping(
      prisma(),
      { needsTextDays: undefined, caseFollowDays: 365, journeys: { days: 90, leftAfterSeconds: 3600 } },
      h.server.log,
    )();

    const kept = await prisma().caseLookupAttempt.findMany({
      where: { subject: lookupSubject(address) },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    expect(kept.map((k) => k.createdAt)).toEqual(lockingFailures.map((f) => f.createdAt));
    expect(await locked("DEMO-1001")).toBe(true);
    expect(await lookUp("DEMO-1001", "1234")).toEqual({ outcome: "locked" });
  });
});
