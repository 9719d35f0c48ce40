import { eraseContactForStaff } from "../../src/domain/contacts/erase.ts";
import { sidHasher } from "../../src/domain/contacts/erased-sids.ts";
import { eraseNeedText } from "../../src/domain/needs/dashboard-repository.ts";
import { NEED_REFERENCE } from "../../src/domain/needs/reference.ts";
import { AUTH_TOKEN, harnessForFile } from "../support/harness.ts";
import { hear, outboxDrained, playLive, say } from "../support/live-transcript.ts";
import { reportNeedSteps } from "../support/needs.ts";
import { signedIn } from "../support/staff.ts";

// A need whose description names a danger is saved AND escalated: the person gets the emergency contacts
// and their reference, the need is marked on the dashboard and in its export, the caseworker sees it.
const h = harnessForFile();

const prisma = () => h.server.db.prisma;
const contactOf = async (phone: string) => (await prisma().contact.findFirstOrThrow({ where: { address: phone } })).id;
const DANGER = "زوجي يهددني بالقتل وأخذ جوازي، نحتاج مكان آمن";

test("Arabic on SMS: words of danger in a need's description save the need, marked risk, give its reference and the emergency contacts, and hand over urgently", async () => {
  const c = await playLive(h, { lang: "ar", channel: "sms" }, [
    say("مرحبا"),
    hear(/كيف يمكننا/),
    say("4"),
    hear(/ما حاجتك/),
    say("4"),
    hear(/متى تحتاج المساعدة/),
    say("1"),
    hear(/أين أنت/),
    say("1"),
    hear(/أخبرنا بكلماتك/),
    say(DANGER),
    hear(/رقم الطوارئ 112/),
    hear(/رقمك المرجعي \u200eN-[2-9A-HJKMNP-Z]{5}\u200e/),
    hear(/سيرد عليك شخص/),
  ]);
  const id = await contactOf(c.phone);
  const [need] = await prisma().need.findMany({ where: { contactId: id } });
  expect(need).toMatchObject({
    category: "shelter",
    urgency: "today",
    area: "athens",
    text: DANGER,
    risk: true,
    language: "ar",
    channel: "sms",
  });
  expect(need!.reference).toMatch(NEED_REFERENCE);
  expect(h.twilio.to(c.phone).join("\n")).toContain(need!.reference);
  expect(await prisma().conversation.findUniqueOrThrow({ where: { contactId: id } })).toMatchObject({
    urgent: true,
    reason: "risk",
    status: "waiting_for_person",
  });

  // the caseworker: urgent in the inbox, and the conversation shows the need by its reference, its words and RISK
  const caseworker = (await signedIn(h, "caseworker")).c;
  const page = await (await caseworker.request(`/staff/conversations/${id}`)).text();
  expect(page).toMatch(/Needs reported/);
  expect(page).toMatch(new RegExp(`badge urgent">RISK</span><strong>${need!.reference}</strong>`));
  expect(page).toContain(DANGER);

  // the analyst: RISK on the dashboard's row, "risk" in the export's column
  const analyst = (await signedIn(h, "analyst")).c;
  const dashboard = await (await analyst.request("/staff/needs")).text();
  expect(dashboard).toMatch(new RegExp(`${need!.reference}[\\s\\S]*?<span class="badge urgent">RISK</span>`));
  const csv = await (await analyst.request("/staff/needs/export.csv")).text();
  expect(csv).toMatch(new RegExp(`\\r\\n${need!.reference},[^,]+,shelter,,today,risk,athens,ar,sms,`));
});

test("a need without danger is saved as before, no risk, and the bot goes on without handing over", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...reportNeedSteps("5", "2", "1"),
    hear(/Tell us in your own words/),
    say("we are dying of hunger, no food since Monday"),
    hear(/Your reference number is N-/),
  ]);
  const id = await contactOf(c.phone);
  expect(await prisma().need.findFirstOrThrow({ where: { contactId: id } })).toMatchObject({
    category: "food",
    risk: false,
  });
  expect(await prisma().conversation.findUnique({ where: { contactId: id } })).toBeNull();
});

test("retention empties a risk need's words and erasure unlinks it; the risk mark stays for the counts, naming no one", async () => {
  const c = await playLive(h, { lang: "en" }, [
    ...reportNeedSteps("9", "1", "2"),
    hear(/Tell us in your own words/),
    say("my boss keeps my passport and wont let me leave"),
    hear(/emergency number 112/),
    hear(/Your reference number is N-/),
    hear(/A person/),
  ]);
  await outboxDrained(h);
  const id = await contactOf(c.phone);
  const { reference } = await prisma().need.findFirstOrThrow({ where: { contactId: id } });
  await eraseNeedText(prisma(), new Date(Date.now() + 1000));
  expect(await prisma().need.findUniqueOrThrow({ where: { reference } })).toMatchObject({
    text: "",
    risk: true,
    textErasedAt: expect.any(Date),
  });
  const admin = (await signedIn(h, "admin")).user;
  expect(await eraseContactForStaff(prisma(), admin.id, id, sidHasher(AUTH_TOKEN))).toBe(true);
  expect(await prisma().need.findUniqueOrThrow({ where: { reference } })).toMatchObject({
    contactId: null,
    text: "",
    risk: true,
  });
});
